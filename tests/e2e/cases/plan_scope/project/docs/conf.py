import fractions
