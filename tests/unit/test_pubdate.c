/* The page-date finder: page heads in the forms news sites print them
 * (written for this test), with the date a reader takes as the publication
 * date, the context it must be read from, and heads that show none. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "cc_date.h"
#include "cc_doc.h"
#include "cc_pubdate.h"

#include "lexicon_fixture.h"

typedef struct {
    const char *head;
    const char *want;        /* YYYY-MM-DD, or NULL: the page shows no date */
    cc_pubdate_ctx ctx;
    int inferred;
} page;

static const page pages[] = {
    /* bylines */
    {"Grain corridor talks stall again\n\nBy Maria Lindqvist | September 2, 2025\n\nNegotiators left Ankara.",
     "2025-09-02", CC_PD_BYLINE, 0},
    {"Frontline towns empty out\nOleh Marchenko · Mar 4, 2025 · 6 min read\nThe buses leave at dawn.", "2025-03-04",
     CC_PD_BYLINE, 0},
    {"Written by Hanna Berg\n\nNov.14 - 2024 7:05 AM CET\n\nThe minister said the plan would hold.", "2024-11-14",
     CC_PD_BYLINE, 0},
    {"Drone strikes hit power plants\nby The Desk staff October 3, 2025 9:40 PM 2 min read\nThe grid operator said.",
     "2025-10-03", CC_PD_BYLINE, 0},
    {"Kyiv weighs new mobilisation law\n\nSofia Reyes\nBy Sofia Reyes\nJune 30th, 2025\n\nLawmakers met on Monday.",
     "2025-06-30", CC_PD_BYLINE, 0},
    /* published, updated, created */
    {"Published: 3 November 2025\nUpdated: 4 November 2025\nA new round of talks opened.", "2025-11-03",
     CC_PD_PUBLISHED, 0},
    {"Updated 2025-09-30 17:45 UTC\nEnvoys met in Riyadh for a second day.", "2025-09-30", CC_PD_UPDATED, 0},
    {"Peace plan draws criticism\n\nUpdated: 14-10-2025 11:02 IST | Created: 13-10-2025 09:15 IST\nThe plan has 20 points.",
     "2025-10-13", CC_PD_PUBLISHED, 0},
    {"Posted on 2025-11-03T09:12:00Z by the newsroom\nThe council voted.", "2025-11-03", CC_PD_PUBLISHED, 0},
    /* a page's text that ran the year into the time shown after it */
    {"Grid repairs race the frost\nBy Ivan Koval\nJanuary 9, 20263:05 PM GMT+2Updated 3 hours ago\nCrews worked.",
     "2026-01-09", CC_PD_BYLINE, 0},
    {"Posted: 2025/10/18\nAuthor: staff\n\nDrones downed\n\nThe ministry said 40 drones fell.", "2025-10-18",
     CC_PD_PUBLISHED, 0},
    /* wire datelines */
    {"WARSAW, September 2, 2025 (Reuters) - Poland closed two border crossings on Tuesday.", "2025-09-02",
     CC_PD_WIRE, 0},
    {"March 3, 2025 -- The first convoy crossed the river before dawn.", "2025-03-03", CC_PD_WIRE, 0},
    /* a national agency's dateline: the city in title case */
    {"POLITICS\nKyiv, 14 November 2024 (UNN) - The parliament extended martial law again.", "2024-11-14", CC_PD_WIRE, 0},
    {"Economy\n\nNew Delhi, March 5, 2025 - Exporters asked for more time.", "2025-03-05", CC_PD_WIRE, 0},
    /* a date alone on its line, below the headline */
    {"Aid package clears the Senate\n\nLukas Meyer\n12 April 2024\n\nThe vote was 79 to 18.", "2024-04-12",
     CC_PD_LINE, 0},
    {"Ceasefire talks resume\n09:30 CET, February 3, 2025\nDelegations arrived overnight.", "2025-02-03", CC_PD_LINE,
     0},
    /* a line of fields: only the date's own field counts ("· Updated 3 hours ago" is another) */
    {"Kyiv marks grim anniversary as war enters fourth year\nFebruary 24, 2025 \xC2\xB7 4:10 PM UTC \xC2\xB7 Updated 3 "
     "hours ago\n\nThe war enters its fourth year.",
     "2025-02-24", CC_PD_LINE, 0},
    /* …which is the page's own date: a later "Last modified" line is an update */
    {"Ukraine\nWhat we know on day 1,096 of the war\nMon 24 Feb 2025 06.00 GMT\nLast modified on Tue 25 Feb 2025 10.12 "
     "GMT\n\nLeaders gathered in Kyiv.",
     "2025-02-24", CC_PD_LINE, 0},
    /* a page header (a capture date) above the headline loses to the date below it */
    {"Monday, 06 March 2023 08:00 GMT\nTanker seized in the Baltic, officials say\n\n2024-10-19 14:02:11\n(Wire) The ship was "
     "boarded.",
     "2024-10-19", CC_PD_LINE, 0},
    /* a headline and its date after a dash: a dash, curly quote or bullet is no word */
    {"World news in brief \xE2\x80\x94 20 May 2023\n\nKyiv denied the city had fallen.", "2023-05-20", CC_PD_HEADER, 0},
    {"\xE2\x80\x9CWar diary\xE2\x80\x9D \xE2\x80\xA2 day 452 \xE2\x80\x93 21 May 2023\n\nShelling went on.", "2023-05-21",
     CC_PD_BYLINE, 0},
    /* the article's own address */
    {"https://news.example.org/world/2024/08/24/border-town-shelled/\n\nBorder town shelled overnight\n", "2024-08-24",
     CC_PD_ADDRESS, 0},
    {"https://example.net/20240301/parade-rehearsal-1122334455.html\nParade rehearsal closes streets", "2024-03-01",
     CC_PD_ADDRESS, 0},
    /* a year the page fixes: another date, or the one year a weekday fits */
    {"Feb 11 (Reuters) - Officials said the talks would go on.\n\nA photo taken on February 10, 2023. REUTERS/Staff",
     "2023-02-11", CC_PD_WIRE, 1},
    {"Thursday, November 21\nThe week in review\nThe invasion began on Feb. 24, 2022, and goes on.", "2024-11-21",
     CC_PD_HEADER, 1},
    /* the first prose, with its weekday */
    {"What we know on day 600\n\nHere is where things stand on Friday, October 13, 2023.\n", "2023-10-13",
     CC_PD_PROSE, 0},
    /* present tense, a weekday and no year: the one year in the last ten it fits */
    {"Live: envoys in Geneva\nThe foreign ministers are meeting their counterparts in Geneva on Tuesday 9 September.",
     "2025-09-09", CC_PD_PROSE, 1},
};

/* Heads that show no publication date: the reader finds none, so must we. */
static const char *const undated[] = {
    /* a date in a caption */
    "Refinery burns after strike\nSmoke over the plant, March 9, 2024. Photo: John Doe/Getty Images\nFirefighters worked.",
    /* a site clock */
    "Today: May 10, 2025\nWorld\nLeaders gather for the parade",
    /* an event date in the prose */
    "Why Crimea matters\n\nRussian troops took the parliament building on February 27, 2014, and raised a flag over it.",
    /* an event of the story, in the past tense */
    "Talks in Riyadh\n\nThe first day of talks ended on Saturday (Feb 7) with no statement, and aides flew home.",
    /* a place and a date in a headline's sentence, no dateline: no dash after the date */
    "Odesa, 3 March 2024: the night the drones came\n\nResidents describe the attack on the port.",
    /* a month and day with nothing to fix the year */
    "The two sides first met on May 16 in Istanbul, where they agreed to swap prisoners and talk again soon.",
    /* a year and a sign */
    "The tarmac was set with a red carpet and an \"Alaska 2025\" banner beside the jets.",
    "",
};

/* The date the finder takes from head: 0 and *pd, or -1. */
static int find(const char *head, cc_pubdate *pd)
{
    cc_doc d;
    cc_diags dg;
    cc_diags_init(&dg);
    assert_int_equal(cc_doc_from_mem(&d, "p.txt", head, strlen(head), &dg), 0);
    int rc = cc_pubdate_find(lx, &d, 2026, pd);
    cc_doc_free(&d);
    cc_diags_free(&dg);
    return rc;
}

static void test_pages(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        cc_pubdate pd;
        int rc = find(pages[i].head, &pd);
        char got[11] = "none";
        if (rc == 0) cc_date_format(pd.date, got);
        if (strcmp(got, pages[i].want) != 0 || pd.ctx != pages[i].ctx || pd.year_inferred != pages[i].inferred)
            fail_msg("page %zu: got %s (%s%s), want %s (%s%s)\n%s", i, got, rc == 0 ? cc_pubdate_ctx_name(pd.ctx) : "-",
                     rc == 0 && pd.year_inferred ? ", inferred" : "", pages[i].want, cc_pubdate_ctx_name(pages[i].ctx),
                     pages[i].inferred ? ", inferred" : "", pages[i].head);
    }
}

static void test_undated(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof undated / sizeof *undated; i++) {
        cc_pubdate pd;
        if (find(undated[i], &pd) == 0) {
            char got[11];
            cc_date_format(pd.date, got);
            fail_msg("undated %zu: found %s (%s)\n%s", i, got, cc_pubdate_ctx_name(pd.ctx), undated[i]);
        }
    }
}

/* Only the first screen counts: a date line far down the page is not read. */
static void test_first_screen_only(void **state)
{
    (void)state;
    char buf[4096] = "Long read\n\n";
    for (int i = 0; i < CC_PUBDATE_LINES + 5; i++) strcat(buf, "A line of prose that carries no date at all.\n");
    strcat(buf, "12 April 2024\n");
    cc_pubdate pd;
    assert_int_equal(find(buf, &pd), -1);
}

/* Where the story starts after a paragraph's dateline; 0 where the
 * paragraph opens with none, or with a date line and a time. */
static void test_dateline_end(void **state)
{
    (void)state;
    static const struct {
        const char *text, *story;
    } cases[] = {
        {"KYIV, June 12 - Russian forces captured the town.", "Russian forces"},
        {"KHARKIV, Ukraine, 9 July (Ukrinform) \xE2\x80\x93 Units retook the plant.", "Units retook"},
        {"March 3, 2025 -- The first convoy crossed the river.", "The first convoy"},
        {"Fri, 01/23/2026 \xE2\x80\x93 10:40 News desk", NULL},
        {"Russian forces captured the town on June 12 - a first in weeks.", NULL},
        /* no city and another day: a timeline's entry, not a dateline */
        {"Feb 24, 2022 - Russia launches its full-scale invasion.", NULL},
        /* a city in title case: an agency's dateline on the story's day, a timeline's entry on another */
        {"Kyiv, 3 March 2025 (UNN) - Lawmakers extended martial law.", "Lawmakers extended"},
        {"Mariupol, May 20, 2022 - The last defenders of the steelworks surrender.", NULL},
        {"Tanks crossed the border at dawn on 24 February 2022.", NULL},
        {"Talks in Geneva, officials said - no date here.", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int64_t day;
        cc_date_parse_iso("2025-03-03", &day); /* the story's day: the city-less dateline's */
        size_t k = cc_pubdate_dateline_end(lx, cases[i].text, strlen(cases[i].text), 1, day);
        if (!cases[i].story) assert_int_equal(k, 0);
        else assert_int_equal(k, (size_t)(strstr(cases[i].text, cases[i].story) - cases[i].text));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pages),
        cmocka_unit_test(test_undated),
        cmocka_unit_test(test_first_screen_only),
        cmocka_unit_test(test_dateline_end),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
