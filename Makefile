# claimcheck — see README.md. `make run` checks corpus/, `make test` runs every test.
CC      ?= cc
PREFIX  ?= /usr/local
DATADIR ?= $(PREFIX)/share/claimcheck
BUILD   ?= build
comma   := ,
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN    := -Wall -Wextra -Werror
OPT     ?= -O2 -g
PKGS    := libpcre2-8 yaml-0.1 jansson libxml-2.0
# compiler flags and libraries from pkg-config where it knows the packages
# (a library installed off the default paths), else the plain names
PKGCFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null || echo -I/usr/include/libxml2)
CFLAGS  += $(CSTD) $(WARN) $(OPT) -pthread -Iinclude $(PKGCFLAGS) -DCC_DATADIR='"$(DATADIR)"' -MMD -MP
LIBS     = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lpcre2-8 -lyaml -ljansson -lxml2) -lm
TESTLIBS = $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

LIB_SRC  := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BIN      := $(BUILD)/claimcheck

.PHONY: all deps run test unit e2e test-rules asan test-asan test-tsan test-nosimd valgrind clean peer-score real-score install bench fuzz fuzz-build fuzz-regress fuzz-replay

all: $(BIN)

# Installs missing Debian packages (as root) or says which to install. Only
# make run, make test and .ci/run ask for it: plain make compiles wherever
# the libraries are installed, apt or not.
deps:
	@sh scripts/deps.sh

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/libclaimcheck.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/obj/main.o $(BUILD)/libclaimcheck.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) -pthread

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libclaimcheck.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libclaimcheck.a $(LIBS) $(TESTLIBS) -pthread

# Checks the real seed articles with the shipped rules and prints the
# report. Findings (exit 1) are the point of the run, so only 2 and up fail
# it. The made-up test articles (corpus/cases) are checked by make test.
run: deps
	@$(MAKE) --no-print-directory $(BIN)
	@$(BIN) check corpus/seeds; rc=$$?; echo "claimcheck exit code: $$rc"; \
		echo "(the made-up test cases are in corpus/cases: $(BIN) check corpus/cases)"; [ $$rc -le 1 ]

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; (cd . && $$t); done

test-rules: $(BIN)
	$(BIN) test-rules rules

# the SARIF schema check uses Debian's python3-jsonschema, the HTML check chromium, the
# spread-over-machines recipe GNU parallel
e2e: $(BIN)
	@sh scripts/deps.sh python3-jsonschema chromium parallel
	python3 tests/e2e/run.py --bin $(BIN)

# The whole suite, then the whole suite again under ASan+UBSan.
test: deps
	@$(MAKE) --no-print-directory unit test-rules e2e fuzz-regress
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory test-tsan
	@$(MAKE) --no-print-directory test-nosimd

# The trigger walk classifies bytes sixteen at a time with SSE2; built with
# CC_NO_SIMD it uses the plain loop that other machines get. Both must give
# the same report on a generated corpus and on corpus/.
test-nosimd: $(BIN)
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/nosimd OPT="-O2 -g -DCC_NO_SIMD" $(BUILD)/nosimd/claimcheck
	@rm -rf $(BUILD)/nosimd-corpus && python3 tests/bench/gen.py --seed 7 $(BUILD)/nosimd-corpus 3 > /dev/null
	@for c in corpus $(BUILD)/nosimd-corpus; do \
		$(BIN) check --format json --output $(BUILD)/simd.json $$c; [ $$? -le 1 ] || exit 1; \
		$(BUILD)/nosimd/claimcheck check --format json --output $(BUILD)/nosimd.json $$c; [ $$? -le 1 ] || exit 1; \
		cmp $(BUILD)/simd.json $(BUILD)/nosimd.json || { echo "test-nosimd: $$c differs"; exit 1; }; done
	@echo "test-nosimd: the plain trigger walk gives the same reports as the SSE2 one"

# The threaded paths (ordered merge of documents, subjects matched on
# threads, JSON findings formatted on threads) under ThreadSanitizer: a
# generated corpus checked with -j 3 must give no race report and the same
# JSON as -j 1.
test-tsan: $(BIN)
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/tsan OPT="-O1 -g -fsanitize=thread" LDFLAGS="-fsanitize=thread" $(BUILD)/tsan/claimcheck
	@echo "== threads under ThreadSanitizer"
	@rm -rf $(BUILD)/tsan-corpus && python3 tests/bench/gen.py $(BUILD)/tsan-corpus 6 > /dev/null
	@TSAN_OPTIONS=halt_on_error=1:exitcode=66 $(BUILD)/tsan/claimcheck check -j 3 --format json --output $(BUILD)/tsan-j3.json \
		--format text --output /dev/null $(BUILD)/tsan-corpus; rc=$$?; [ $$rc -le 1 ] || { echo "test-tsan: exit $$rc"; exit 1; }
	@$(BIN) check -j 1 --format json --output $(BUILD)/tsan-j1.json $(BUILD)/tsan-corpus; [ $$? -le 1 ]
	@cmp $(BUILD)/tsan-j1.json $(BUILD)/tsan-j3.json && echo "test-tsan: no races, -j 3 output identical to -j 1"

asan:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/asan OPT="-O1 -g -fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		LDFLAGS="-fsanitize=address,undefined" $(BUILD)/asan/claimcheck $(UNIT_SRC:tests/unit/%.c=$(BUILD)/asan/tests/%)

test-asan: asan
	@echo "== the same tests under ASan+UBSan"
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		$(MAKE) --no-print-directory BUILD=$(BUILD)/asan OPT="-O1 -g -fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=all" unit test-rules e2e fuzz-regress

# Fuzz targets (tests/fuzz). fuzz-regress replays the seeds and every kept
# crash input through each target built without libFuzzer (part of make
# test, so under ASan+UBSan too); make fuzz runs libFuzzer for FUZZ_SECONDS
# per target and copies any crash into tests/fuzz/regress/TARGET/.
FUZZ_TARGETS := check norm rules page store index
FUZZ_SECONDS ?= 60
# FUZZ_SAN=undefined fuzzes several times faster; replay the corpus it grew
# under ASan afterwards with make fuzz-replay (docs/reliability.md).
FUZZ_SAN     ?= address,undefined
FUZZ_CFLAGS  := -O2 -g -fsanitize=fuzzer-no-link,$(FUZZ_SAN),float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=undefined

$(BUILD)/fuzz-regress/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/driver.c $(BUILD)/libclaimcheck.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -Itests/fuzz -o $@ $< tests/fuzz/driver.c $(BUILD)/libclaimcheck.a $(LIBS) -pthread

fuzz-regress: $(FUZZ_TARGETS:%=$(BUILD)/fuzz-regress/fuzz_%)
	@sh tests/fuzz/run.sh regress $(BUILD) $(FUZZ_TARGETS)

fuzz-build:
	@sh scripts/deps.sh clang libclang-rt-14-dev
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/fuzzlib-$(subst $(comma),-,$(FUZZ_SAN)) CC=clang OPT="$(FUZZ_CFLAGS)" \
		$(BUILD)/fuzzlib-$(subst $(comma),-,$(FUZZ_SAN))/libclaimcheck.a
	@mkdir -p $(BUILD)/fuzz
	@set -e; for t in $(FUZZ_TARGETS); do \
		clang $(CSTD) $(WARN) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Iinclude -Itests/fuzz -o $(BUILD)/fuzz/fuzz_$$t tests/fuzz/fuzz_$$t.c \
			$(BUILD)/fuzzlib-$(subst $(comma),-,$(FUZZ_SAN))/libclaimcheck.a $(LIBS) -pthread; done

# Replays the corpora make fuzz grew (build/fuzz/corpus_*) through the
# targets built with ASan+UBSan and without libFuzzer.
fuzz-replay:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/asan OPT="-O1 -g -fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		LDFLAGS="-fsanitize=address,undefined" $(FUZZ_TARGETS:%=$(BUILD)/asan/fuzz-regress/fuzz_%)
	@set -e; for t in $(FUZZ_TARGETS); do ASAN_OPTIONS=detect_leaks=1 $(BUILD)/asan/fuzz-regress/fuzz_$$t $(BUILD)/fuzz/corpus_$$t; done

fuzz: fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh fuzz $(BUILD) $(FUZZ_TARGETS)

# The end-to-end run under valgrind: zero errors and zero leaks, or exit 9.
VG := valgrind --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=all --show-leak-kinds=all -q
valgrind: $(BIN)
	@sh scripts/deps.sh valgrind
	$(VG) $(BIN) check --format json --output $(BUILD)/vg-base.json --format sarif --output /dev/null --format html --output /dev/null \
		--format github --output /dev/null --format jsonl --output /dev/null corpus; rc=$$?; echo "valgrind check: exit $$rc"; [ $$rc -le 1 ]
	$(VG) $(BIN) check --baseline $(BUILD)/vg-base.json --format text --output /dev/null corpus/cases --new corpus/seeds; rc=$$?; \
		echo "valgrind check --new --baseline: exit $$rc"; [ $$rc -le 1 ]
	$(VG) $(BIN) config > /dev/null
	$(VG) $(BIN) test-rules --no-stress rules > /dev/null
	$(VG) $(BIN) parse --date 2026-01-23 "nearly four years, roughly 5,000 km² and Saturday (Jan 24)" > /dev/null
	$(VG) $(BIN) check --fail-on never --format json --output /dev/null tests/fuzz/regress/page
	$(VG) $(BIN) explain corpus/seeds/000_2ca43d52e0bca40b.txt:33 > /dev/null
	$(VG) $(BIN) explain --rule territory-share --date 2025-03-01 "Moscow has held roughly 18% of it since May." > /dev/null
	$(VG) $(BIN) extract -o $(BUILD)/vg.claims.jsonl corpus/cases
	$(VG) $(BIN) compare --format html --output /dev/null --format json --output /dev/null $(BUILD)/vg.claims.jsonl; [ $$? -le 1 ]
	$(VG) $(BIN) check --claims $(BUILD)/vg.claims.jsonl --format text --output /dev/null corpus/cases/01-war-age/b_regional.txt; [ $$? -le 1 ]
	$(VG) $(BIN) extract --by-subject -o $(BUILD)/vg.map corpus/cases && LC_ALL=C sort $(BUILD)/vg.map > $(BUILD)/vg.sorted
	$(VG) $(BIN) compare --by-subject -o $(BUILD)/vg.reduced.txt $(BUILD)/vg.sorted
	$(VG) $(BIN) compare --merge $(BUILD)/vg.reduced.txt > /dev/null
	@echo "valgrind: no errors, no leaks"

peer-score: $(BIN)
	python3 scripts/peer_score.py $(BIN)

# Real outlets' writing (../shared/real-news): claims found, negatives quiet,
# page dates; exits non-zero when a figure is short of the thresholds of
# issue 12 (docs/accuracy.md). REAL_NEWS names another copy of the set.
REAL_NEWS ?= ../shared/real-news
real-score: $(BIN)
	python3 $(REAL_NEWS)/score.py --bin $(BIN) --items $(REAL_NEWS)/items.jsonl --pages $(REAL_NEWS)/pages.jsonl \
		--show 200 --min-found 85 --min-family 65 --min-quiet 95 --max-extra 15 --min-dates 95

# Figures, never a pass/fail: see docs/performance.md.
# BASE=DIR: a checkout of another commit (built there with make), timed one
# thread in the same rounds with its own rules, and the ratio printed.
bench: $(BIN)
	python3 tests/bench/run.py --bin $(BIN) $(if $(BASE),--base $(BASE)/build/claimcheck --base-rules $(BASE)/rules)

# The binary finds the rules next to it (BIN/../share/claimcheck/rules), so
# a DESTDIR staging tree works as installed.
MANDIR ?= $(PREFIX)/share/man
install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/rules $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/claimcheck
	install -m 644 rules/*.yaml $(DESTDIR)$(DATADIR)/rules/
	install -m 644 docs/claimcheck.1 $(DESTDIR)$(MANDIR)/man1/claimcheck.1

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJ:.o=.d) $(BUILD)/obj/main.d
