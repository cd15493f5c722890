#ifndef GRADSCOPE_CRC32C_HARDWARE_H
#define GRADSCOPE_CRC32C_HARDWARE_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SSE4.2 `crc32` instruction (x86-64 only), else 0.
int gradscope_crc32c_hardware_available(void);

/// Continues a CRC-32C over `count` bytes with the SSE4.2 `crc32` instruction: the result
/// equals the portable `CRC32C.update(crc, with: bytes)` (pre- and post-inversion included).
/// Call only when `gradscope_crc32c_hardware_available()` returned 1.
uint32_t gradscope_crc32c_hardware_update(uint32_t crc, const void *bytes, size_t count);

#endif
