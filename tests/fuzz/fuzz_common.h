/* Shared by the fuzz targets: where the rules are. A target is built two
 * ways: with libFuzzer (make fuzz) and with driver.c, a plain main() that
 * replays files through the same entry point (make fuzz-regress, in make
 * test), so every crash input kept under tests/fuzz/regress stays fixed. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdint.h>
#include <stdlib.h>

static inline const char *fuzz_rules_dir(void)
{
    const char *d = getenv("CLAIMCHECK_RULES");
    return d && *d ? d : "rules";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
