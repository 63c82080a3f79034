import os

TABLE = os.environ["LMMS_E2E_TABLE_NAME_THAT_IS_NOT_SET"]
