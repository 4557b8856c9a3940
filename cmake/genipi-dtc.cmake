# SPDX-License-Identifier: BSD-2-Clause
#
# Device-tree sources compiled at build time with dtc (Debian
# device-tree-compiler).
#
#   genipi_compile_dts(TARGET name OUTPUT_DIR dir [QUIET] SOURCES a.dts ...)
#
# adds a target `name`, built by default, that compiles each a.dts into
# dir/a.dtb whenever the source changes. QUIET passes -q to dtc: for test
# fixtures that are malformed on purpose, whose warnings are the point.

find_program(GENIPI_DTC dtc)
if(NOT GENIPI_DTC)
	message(FATAL_ERROR "dtc not found: install device-tree-compiler (scripts/deps.sh demo)")
endif()

function(genipi_compile_dts)
	cmake_parse_arguments(D "QUIET" "TARGET;OUTPUT_DIR" "SOURCES" ${ARGN})
	set(flags -I dts -O dtb)
	if(D_QUIET)
		list(APPEND flags -q)
	endif()
	set(outputs "")
	foreach(src IN LISTS D_SOURCES)
		get_filename_component(name ${src} NAME_WE)
		get_filename_component(abs ${src} ABSOLUTE)
		set(out ${D_OUTPUT_DIR}/${name}.dtb)
		add_custom_command(OUTPUT ${out}
			COMMAND ${CMAKE_COMMAND} -E make_directory ${D_OUTPUT_DIR}
			COMMAND ${GENIPI_DTC} ${flags} -o ${out} ${abs}
			DEPENDS ${abs}
			COMMENT "dtc ${name}.dts"
			VERBATIM)
		list(APPEND outputs ${out})
	endforeach()
	add_custom_target(${D_TARGET} ALL DEPENDS ${outputs})
endfunction()
