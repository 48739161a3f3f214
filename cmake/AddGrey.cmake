# Thin wrappers so every grey library and tool links the same way: against
# Debian's shared libMLIR/libLLVM rather than hundreds of static archives,
# which keeps links fast on a 2-core CI machine.

# add_grey_library(name SRCS... [DEPENDS tblgen-targets] [LINK_LIBS libs])
function(add_grey_library name)
  cmake_parse_arguments(ARG "" "" "DEPENDS;LINK_LIBS" ${ARGN})
  add_library(${name} STATIC ${ARG_UNPARSED_ARGUMENTS})
  llvm_update_compile_flags(${name})
  if(ARG_DEPENDS)
    add_dependencies(${name} ${ARG_DEPENDS})
  endif()
  target_link_libraries(${name} PUBLIC ${ARG_LINK_LIBS} MLIR LLVM)
  set_property(GLOBAL APPEND PROPERTY GREY_LIBS ${name})
endfunction()

# add_grey_tool(name SRCS... [LINK_LIBS libs])
function(add_grey_tool name)
  cmake_parse_arguments(ARG "" "" "LINK_LIBS" ${ARGN})
  add_executable(${name} ${ARG_UNPARSED_ARGUMENTS})
  llvm_update_compile_flags(${name})
  target_link_libraries(${name} PRIVATE ${ARG_LINK_LIBS} MLIR LLVM)
  set_target_properties(${name} PROPERTIES
    RUNTIME_OUTPUT_DIRECTORY ${GREY_TOOLS_DIR})
endfunction()

# Google Tests: Debian ships no llvm_gtest, so use the system GTest. Every
# binary ends in "Tests" so test/Unit's lit config finds it.
find_package(GTest REQUIRED)
add_custom_target(GreyUnitTests)
function(add_grey_unittest name)
  add_executable(${name} ${ARGN})
  llvm_update_compile_flags(${name})
  target_link_libraries(${name} PRIVATE GTest::gtest GTest::gtest_main)
  add_dependencies(GreyUnitTests ${name})
endfunction()
