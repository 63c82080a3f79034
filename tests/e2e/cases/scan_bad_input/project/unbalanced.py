x = (1, [2, 3)
import after
