# lit configuration for grey's regression tests.
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "GREY"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".s", ".test", ".c"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.grey_obj_root, "test")

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
config.substitutions.append(("%grey_src_root", config.grey_src_root))
config.substitutions.append(("%grey_obj_root", config.grey_obj_root))
llvm_config.add_tool_substitutions(
    ["grey-opt", "grey-translate", "grey-compile", "grey-run"],
    [os.path.join(config.grey_obj_root, "bin")])
