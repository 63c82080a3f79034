import broken(
import after_error
