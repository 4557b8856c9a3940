# SPDX-License-Identifier: BSD-2-Clause
#
# Cross build for the aarch64-virt bare-metal port (QEMU -machine
# virt,gic-version=3):
#   cmake -S . -B build/aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-aarch64-elf.cmake
# clang + ld.lld from Debian; the C library is Debian's picolibc
# (picolibc-aarch64-linux-gnu, a bare-metal build despite its name).
# -mgeneral-regs-only: no FP/SIMD register in our code, so an exception
# never has FP state to save; -mstrict-align: no unaligned access.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER clang)
set(CMAKE_ASM_COMPILER clang)
set(CMAKE_C_COMPILER_TARGET aarch64-none-elf)
set(CMAKE_ASM_COMPILER_TARGET aarch64-none-elf)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(GENIPI_PORT aarch64-virt CACHE STRING "" FORCE)
set(GENIPI_PICOLIBC_TRIPLE aarch64-linux-gnu)
set(GENIPI_PICOLIBC_MULTILIB "")

set(CMAKE_C_FLAGS_INIT "-mstrict-align -mgeneral-regs-only -ffreestanding -fno-common -ffunction-sections -fdata-sections")
set(CMAKE_ASM_FLAGS_INIT "")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-fuse-ld=lld -nostdlib -static -Wl,--gc-sections")
