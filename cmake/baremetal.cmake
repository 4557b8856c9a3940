# SPDX-License-Identifier: BSD-2-Clause
#
# The bare-metal ports (GENIPI_PORT riscv64-virt or aarch64-virt, set by the
# toolchain files): images for QEMU's virt machines and the CTest tests that
# boot them. Included by the top-level CMakeLists.txt after the core.
#
#   genipi_baremetal_image(NAME
#       SOURCES   the application (and anything else only this image has)
#       DRIVERS   drivers/irqchip/ sources (the image's "Kconfig": the
#                 generated DT driver table lists only these)
#       DEFINES   compile definitions for the image's own sources
#       LINKER_SCRIPT  the port's linker script)
#     -> NAME.elf
#
#   genipi_qemu_test(NAME IMAGE image TIMEOUT seconds LABELS labels...
#                    QEMU qemu command and arguments (without -kernel))
#     -> a CTest test running tests/qemu/run-qemu.sh: bounded by TIMEOUT,
#        passes on "genipi: PASS" and exit status 0, log in
#        qemu-logs/NAME.log.
#
#   genipi_qemu_matrix(PREFIX IMAGE image LABELS labels...
#                      QEMU qemu command and arguments (without -smp, -accel))
#     -> PREFIX_smp{4,8}_{single,multi}: the image with 4 and 8 CPUs under
#        single- and multi-threaded TCG; the multi-threaded runs (where
#        lost-IPI races show) are labelled "mttcg" too, for
#        scripts/qemu-repeat.sh.

enable_language(ASM)
set_target_properties(genipi_core PROPERTIES POSITION_INDEPENDENT_CODE OFF)

# ---- picolibc (Debian picolibc-<triple>): string functions, vsnprintf ----
set(GENIPI_PICOLIBC_DIR /usr/lib/picolibc/${GENIPI_PICOLIBC_TRIPLE} CACHE PATH
	"picolibc for the target")
set(genipi_picolibc_libdir ${GENIPI_PICOLIBC_DIR}/lib/release)
if(GENIPI_PICOLIBC_MULTILIB)
	string(APPEND genipi_picolibc_libdir /${GENIPI_PICOLIBC_MULTILIB})
endif()
if(NOT EXISTS ${genipi_picolibc_libdir}/libc.a)
	message(FATAL_ERROR "no picolibc in ${genipi_picolibc_libdir}: run scripts/deps.sh test")
endif()
add_library(genipi_picolibc INTERFACE)
target_compile_options(genipi_picolibc INTERFACE -isystem ${GENIPI_PICOLIBC_DIR}/include)
target_link_libraries(genipi_picolibc INTERFACE ${genipi_picolibc_libdir}/libc.a)

# ---- libfdt built for the target --------------------------------------------
set(GENIPI_LIBFDT_SOURCE_DIR "" CACHE PATH
	"libfdt's C sources (default: extracted by scripts/libfdt-source.sh)")
if(NOT GENIPI_LIBFDT_SOURCE_DIR)
	set(GENIPI_LIBFDT_SOURCE_DIR ${CMAKE_BINARY_DIR}/libfdt-src CACHE PATH "" FORCE)
endif()
execute_process(COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/libfdt-source.sh
	${GENIPI_LIBFDT_SOURCE_DIR} RESULT_VARIABLE genipi_libfdt_rc)
if(NOT genipi_libfdt_rc EQUAL 0)
	message(FATAL_ERROR "no libfdt sources for the target (scripts/libfdt-source.sh)")
endif()
add_library(genipi_target_libfdt STATIC
	${GENIPI_LIBFDT_SOURCE_DIR}/fdt.c
	${GENIPI_LIBFDT_SOURCE_DIR}/fdt_addresses.c
	${GENIPI_LIBFDT_SOURCE_DIR}/fdt_empty_tree.c
	${GENIPI_LIBFDT_SOURCE_DIR}/fdt_ro.c
	${GENIPI_LIBFDT_SOURCE_DIR}/fdt_rw.c
	${GENIPI_LIBFDT_SOURCE_DIR}/fdt_strerror.c
	${GENIPI_LIBFDT_SOURCE_DIR}/fdt_sw.c
	${GENIPI_LIBFDT_SOURCE_DIR}/fdt_wip.c)
# Linux's copy of libfdt has no fdt_check.c (fdt_check_full()): see
# irqchip_fdt_check_structure() in drivers/fdt/fdt-props.c
if(EXISTS ${GENIPI_LIBFDT_SOURCE_DIR}/fdt_check.c)
	target_sources(genipi_target_libfdt PRIVATE ${GENIPI_LIBFDT_SOURCE_DIR}/fdt_check.c)
else()
	target_compile_definitions(genipi_target_libfdt INTERFACE GENIPI_LIBFDT_NO_CHECK_FULL=1)
endif()
target_include_directories(genipi_target_libfdt SYSTEM PUBLIC ${GENIPI_LIBFDT_SOURCE_DIR})
# not our code: its warnings are libfdt's business
target_compile_options(genipi_target_libfdt PRIVATE -w)
target_link_libraries(genipi_target_libfdt PUBLIC genipi_picolibc)

# ---- the port: shared bare-metal code + the architecture's ------------------
set(GENIPI_BAREMETAL_INCLUDES
	${PROJECT_SOURCE_DIR}/include
	${GENIPI_GENERATED_INCLUDE}
	${PROJECT_SOURCE_DIR}/ports/baremetal/include
	${PROJECT_SOURCE_DIR}/ports/${GENIPI_PORT}/include
	${PROJECT_SOURCE_DIR}/drivers/include)
file(GLOB GENIPI_BAREMETAL_SOURCES CONFIGURE_DEPENDS
	${PROJECT_SOURCE_DIR}/ports/baremetal/*.c)
file(GLOB GENIPI_FDT_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/drivers/fdt/*.c)

include(cmake/irqchip-table.cmake)

set(GENIPI_QEMU_LOG_DIR ${CMAKE_BINARY_DIR}/qemu-logs)
file(MAKE_DIRECTORY ${GENIPI_QEMU_LOG_DIR})

function(genipi_baremetal_image name)
	cmake_parse_arguments(IMG "" "LINKER_SCRIPT" "SOURCES;DRIVERS;DEFINES" ${ARGN})
	set(GENIPI_FDT_TABLES_NAME -${name})
	genipi_fdt_tables(tables ${IMG_DRIVERS})
	# only the driver table: the bare-metal ports have no device models
	list(FILTER tables INCLUDE REGEX "irqchip-table\\.c$")
	add_executable(${name} ${IMG_SOURCES} ${IMG_DRIVERS} ${tables}
		${GENIPI_FDT_SOURCES} ${GENIPI_BAREMETAL_SOURCES} ${GENIPI_ARCH_SOURCES}
		$<TARGET_OBJECTS:genipi_core>)
	set_target_properties(${name} PROPERTIES SUFFIX .elf)
	target_include_directories(${name} PRIVATE ${GENIPI_BAREMETAL_INCLUDES})
	target_compile_definitions(${name} PRIVATE ${IMG_DEFINES})
	target_link_options(${name} PRIVATE -T ${IMG_LINKER_SCRIPT}
		-Wl,-Map=${CMAKE_CURRENT_BINARY_DIR}/${name}.map)
	set_target_properties(${name} PROPERTIES LINK_DEPENDS ${IMG_LINKER_SCRIPT})
	target_link_libraries(${name} PRIVATE genipi_target_libfdt genipi_picolibc)
endfunction()

function(genipi_qemu_test name)
	cmake_parse_arguments(QT "" "IMAGE;TIMEOUT" "LABELS;QEMU" ${ARGN})
	if(NOT QT_TIMEOUT)
		set(QT_TIMEOUT 120)
	endif()
	add_test(NAME ${name}
		COMMAND bash ${PROJECT_SOURCE_DIR}/tests/qemu/run-qemu.sh
			--timeout ${QT_TIMEOUT} --log ${GENIPI_QEMU_LOG_DIR}/${name}.log
			-- ${QT_QEMU} -kernel $<TARGET_FILE:${QT_IMAGE}>)
	# ctest's own limit is a backstop above the runner's
	math(EXPR backstop "${QT_TIMEOUT} + 30")
	set_tests_properties(${name} PROPERTIES TIMEOUT ${backstop}
		LABELS "qemu;${QT_LABELS}")
endfunction()

# genipi_qemu_bad_dtb_test(NAME IMAGE image MACHINE machine-options
#                          EDIT fdtput arguments after the file
#                          EXPECT regex QEMU qemu command and arguments)
#   -> a misuse test: QEMU's own DTB for MACHINE (-machine ...,dumpdtb=),
#      spoiled with one fdtput edit, given to the image with -dtb; it
#      must refuse it with a FAIL line and a message matching EXPECT.
function(genipi_qemu_bad_dtb_test name)
	cmake_parse_arguments(BD "" "IMAGE;MACHINE;EXPECT" "EDIT;QEMU" ${ARGN})
	find_program(GENIPI_FDTPUT fdtput)
	if(NOT GENIPI_FDTPUT)
		message(WARNING "no fdtput (device-tree-compiler): ${name} is not run")
		return()
	endif()
	set(dtb ${CMAKE_CURRENT_BINARY_DIR}/${name}.dtb)
	add_custom_command(OUTPUT ${dtb}
		COMMAND ${BD_QEMU} -machine ${BD_MACHINE},dumpdtb=${dtb} -smp 4 -m 128M
			-nographic -monitor none -serial null
		COMMAND ${GENIPI_FDTPUT} ${dtb} ${BD_EDIT}
		COMMENT "QEMU's DTB for ${BD_MACHINE}, spoiled for ${name}"
		VERBATIM)
	add_custom_target(${name}_dtb ALL DEPENDS ${dtb})
	add_test(NAME ${name}
		COMMAND bash ${PROJECT_SOURCE_DIR}/tests/qemu/run-qemu.sh
			--timeout 60 --log ${GENIPI_QEMU_LOG_DIR}/${name}.log
			--expect-fail ${BD_EXPECT}
			-- ${BD_QEMU} -machine ${BD_MACHINE} -smp 4 -m 128M -nographic -monitor none
			-serial stdio -dtb ${dtb} -kernel $<TARGET_FILE:${BD_IMAGE}>)
	set_tests_properties(${name} PROPERTIES TIMEOUT 90 LABELS "qemu;misuse")
endfunction()

function(genipi_qemu_matrix prefix)
	cmake_parse_arguments(QM "" "IMAGE" "LABELS;QEMU" ${ARGN})
	foreach(smp 4 8)
		foreach(thread single multi)
			set(labels ${QM_LABELS})
			if(thread STREQUAL "multi")
				list(APPEND labels mttcg)
			endif()
			genipi_qemu_test(${prefix}_smp${smp}_${thread}
				IMAGE ${QM_IMAGE}
				TIMEOUT 120
				LABELS ${labels}
				QEMU ${QM_QEMU} -smp ${smp} -accel tcg,thread=${thread})
		endforeach()
	endforeach()
endfunction()

# The program every image runs: the conformance program (public API only).
# QEMU runs it fast enough for more rounds than the hosted default: more
# chances for a race between a send and a handler to show.
set(GENIPI_CONFORMANCE_SOURCES
	${PROJECT_SOURCE_DIR}/tests/conformance/conformance.c
	${PROJECT_SOURCE_DIR}/tests/conformance/app-baremetal.c)
set(GENIPI_CONFORMANCE_DEFINES CONF_PINGPONG_ROUNDS=32 CONF_STORM_ROUNDS=1000)

enable_testing()
add_subdirectory(ports/${GENIPI_PORT})

# The -icount benchmarks of the port (bench/qemu/): images built with the
# port's architecture sources (read from the port directory's scope).
include(${PROJECT_SOURCE_DIR}/bench/qemu/bench.cmake OPTIONAL)
