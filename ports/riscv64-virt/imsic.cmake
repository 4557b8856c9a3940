# SPDX-License-Identifier: BSD-2-Clause
#
# The IMSIC images of the riscv64-virt port (included by its CMakeLists.txt):
# machine mode on qemu-system-riscv64 -machine virt,aia=aplic-imsic, IPIs
# through the harts' machine-level interrupt files (drivers/irqchip/
# irq-riscv-imsic*.c), in the driver's two modes:
#
#   riscv-m-imsic      one identity per IPI (an IPI domain, no multiplexer)
#   riscv-m-imsic-mux  one identity per hart carrying the multiplexer
#                      (GENIPI_IMSIC_IPI_MUX=1)
#
# The drivers are the hart-local controller and the IMSIC only: the DT's
# APLICs and CLINT have no driver in these images and are ignored. Each
# image runs the conformance program, with 4 and 8 CPUs under single- and
# multi-threaded TCG (label mttcg on the latter).

set(genipi_imsic_drivers
	${GENIPI_RISCV_INTC_DRIVERS}
	${PROJECT_SOURCE_DIR}/drivers/irqchip/irq-riscv-imsic.c
	${PROJECT_SOURCE_DIR}/drivers/irqchip/irq-riscv-imsic-fdt.c)

genipi_baremetal_image(riscv-m-imsic
	SOURCES ${GENIPI_CONFORMANCE_SOURCES}
	DRIVERS ${genipi_imsic_drivers}
	DEFINES GENIPI_IMSIC_IPI_MUX=0 ${GENIPI_CONFORMANCE_DEFINES}
	LINKER_SCRIPT ${GENIPI_RISCV_M_LINKER_SCRIPT})
genipi_baremetal_image(riscv-m-imsic-mux
	SOURCES ${GENIPI_CONFORMANCE_SOURCES}
	DRIVERS ${genipi_imsic_drivers}
	DEFINES GENIPI_IMSIC_IPI_MUX=1 ${GENIPI_CONFORMANCE_DEFINES}
	LINKER_SCRIPT ${GENIPI_RISCV_M_LINKER_SCRIPT})

foreach(image riscv-m-imsic riscv-m-imsic-mux)
	string(REPLACE "-" "_" test_base "qemu_${image}")
	genipi_qemu_matrix(${test_base} IMAGE ${image} LABELS riscv imsic
		QEMU ${GENIPI_QEMU_RISCV64} -machine virt,aia=aplic-imsic -bios none -m 128M
		     -nographic -monitor none -serial stdio)
endforeach()

# Misuse: an interrupt-file node without "riscv,num-ids" is refused by name.
genipi_qemu_bad_dtb_test(qemu_riscv_m_imsic_dtb_without_num_ids IMAGE riscv-m-imsic
	MACHINE virt,aia=aplic-imsic
	EDIT -d /soc/imsics@24000000 riscv,num-ids
	EXPECT "imsics@24000000.*num-ids"
	QEMU ${GENIPI_QEMU_RISCV64} -bios none)
