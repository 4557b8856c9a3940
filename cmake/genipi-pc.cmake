# SPDX-License-Identifier: BSD-2-Clause
#
# Write genipi.pc at install time, not at configure time, so that it names
# the prefix the files really go to (`cmake --install --prefix DIR` and
# CMAKE_INSTALL_PREFIX given late both work). Included from an install(CODE)
# rule that sets GENIPI_PC_IN, GENIPI_PC_OUT, GENIPI_PC_LIBDIR_REL,
# GENIPI_PC_INCLUDEDIR_REL and PROJECT_VERSION; CMAKE_INSTALL_PREFIX is the
# install's own.

set(GENIPI_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
foreach(kind LIBDIR INCLUDEDIR)
	if(IS_ABSOLUTE "${GENIPI_PC_${kind}_REL}")
		set(GENIPI_PC_${kind} "${GENIPI_PC_${kind}_REL}")
	else()
		set(GENIPI_PC_${kind} "\${prefix}/${GENIPI_PC_${kind}_REL}")
	endif()
endforeach()
configure_file("${GENIPI_PC_IN}" "${GENIPI_PC_OUT}" @ONLY)
