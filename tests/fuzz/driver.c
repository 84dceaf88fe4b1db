/* Replays files (or every file in directories) through a fuzz target's
 * LLVMFuzzerTestOneInput without libFuzzer: the regression run. */
#include "cc_util.h"
#include "fuzz_common.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int run_file(const char *path, size_t *n)
{
    char *data, err[512];
    size_t len;
    if (cc_read_file(path, 0, &data, &len, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)data, len);
    free(data);
    (*n)++;
    return 0;
}

int main(int argc, char **argv)
{
    size_t n = 0;
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) { fprintf(stderr, "%s: missing\n", argv[i]); bad = 1; continue; }
        if (!S_ISDIR(st.st_mode)) { bad |= run_file(argv[i], &n); continue; }
        DIR *dh = opendir(argv[i]);
        struct dirent *de;
        while (dh && (de = readdir(dh))) {
            if (de->d_name[0] == '.') continue;
            char p[4096];
            snprintf(p, sizeof p, "%s/%s", argv[i], de->d_name);
            if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) bad |= run_file(p, &n);
        }
        if (dh) closedir(dh);
    }
    printf("%s: %zu inputs replayed\n", argv[0], n);
    return bad;
}
