# SPDX-License-Identifier: BSD-2-Clause
#
# Cross build for the riscv64-virt bare-metal port (QEMU -machine virt):
#   cmake -S . -B build/riscv64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-riscv64-elf.cmake
# clang + ld.lld from Debian; the C library is Debian's picolibc
# (picolibc-riscv64-unknown-elf), rv64imac/lp64 multilib: the port uses no
# floating point, so it neither saves nor enables the FPU.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv64)
set(CMAKE_C_COMPILER clang)
set(CMAKE_ASM_COMPILER clang)
set(CMAKE_C_COMPILER_TARGET riscv64-unknown-elf)
set(CMAKE_ASM_COMPILER_TARGET riscv64-unknown-elf)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(GENIPI_PORT riscv64-virt CACHE STRING "" FORCE)
set(GENIPI_PICOLIBC_TRIPLE riscv64-unknown-elf)
set(GENIPI_PICOLIBC_MULTILIB rv64imac/lp64)

# The port targets QEMU's virt machine and its default CPU, which (QEMU 7.2)
# implements the Zba and Zbb bit-manipulation extensions: -march=rv64imac_zba_zbb
# lets the compiler use ctz/clz/cpop/andn (Zbb; the multiplexer's bit loop
# uses ctz, a ~20-instruction sequence in rv64imac) and shNadd[.uw]/add.uw
# (Zba: a 32-bit index zero-extended, scaled and added in one instruction,
# as in every table lookup of the interrupt path). They add instructions
# only, no registers or calling convention, so the rv64imac/lp64 picolibc
# links unchanged. A CPU without them needs -march=rv64imac here.
# clang 14 rejects the names zicsr/zifencei and, following the older ISA
# spec, includes them in "i".
# -mno-relax: ld.lld does not do RISC-V linker relaxation; medany: the image
# runs at 0x80000000 (M-mode) or 0x80200000 (S-mode under OpenSBI).
set(CMAKE_C_FLAGS_INIT "-march=rv64imac_zba_zbb -mabi=lp64 -mcmodel=medany -mno-relax -ffreestanding -fno-common -ffunction-sections -fdata-sections")
set(CMAKE_ASM_FLAGS_INIT "-march=rv64imac_zba_zbb -mabi=lp64 -mcmodel=medany -mno-relax")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-fuse-ld=lld -nostdlib -static -Wl,--gc-sections")
