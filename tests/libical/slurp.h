/* The whole file as a NUL-terminated string (NULL if it cannot be read); shared by the
 * libical readers of the tests. */
#ifndef QUARTIER_SLURP_H
#define QUARTIER_SLURP_H
#include <stdio.h>
#include <stdlib.h>

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    buf[got] = 0;
    fclose(f);
    return buf;
}
#endif
