/* The shipped lexicon, loaded once for a cmocka group (setup/teardown), for
 * the tests that read text with it. Include after cmocka.h. */
#ifndef LEXICON_FIXTURE_H
#define LEXICON_FIXTURE_H

#include <stdio.h>

#include "cc_lexicon.h"

static cc_lexicon *lx;

static int setup(void **state)
{
    (void)state;
    char err[512];
    lx = cc_lexicon_load("rules/lexicon.yaml", err, sizeof err);
    if (!lx) fprintf(stderr, "%s\n", err);
    return lx ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    cc_lexicon_free(lx);
    return 0;
}

#endif
