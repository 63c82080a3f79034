import sys
import time


class RoutingFinder:
    def find_spec(self, name, path=None, target=None):
        if name == "app.routes":
            time.sleep(0.040)  # parses a large routing file
        return None


sys.meta_path.insert(0, RoutingFinder())
