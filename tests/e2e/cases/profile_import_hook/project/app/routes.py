ROUTES = {"/": "index"}
