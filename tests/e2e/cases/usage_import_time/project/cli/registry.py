import ormlib

registry = ormlib.Registry()  # module_object
