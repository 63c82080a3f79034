import os
x = "ÿþ"
