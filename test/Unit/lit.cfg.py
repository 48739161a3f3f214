# lit configuration that runs grey's GoogleTest binaries (every *Tests).
import os

import lit.formats

config.name = "GREY-Unit"
config.suffixes = []
config.test_exec_root = os.path.join(config.grey_obj_root, "unittests")
config.test_source_root = config.test_exec_root
config.test_format = lit.formats.GoogleTest(".", "Tests")
