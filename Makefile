# shisaku — GNU Makefile.
#
#   make            build ./shisaku
#   make run        install missing packages, build, create the sample
#                   database if absent, open the TUI on it
#   make test       the same set-up, then unit and end-to-end tests under
#                   AddressSanitizer and UndefinedBehaviorSanitizer
#   make bench      performance benchmark (large generated database)
#   make fuzz       libFuzzer targets with clang, FUZZ_S seconds each
#   make install    PREFIX=/usr/local SYSCONFDIR=/etc LOCALSTATEDIR=$(PREFIX)/var
#                   DESTDIR= : binary, man pages, sample config, sample plans;
#                   as root also secure group mode (SECURE=1, the default
#                   for root; SECURE=0 skips it): the system group shisaku,
#                   the binary setgid to it (2755) and the data directory
#                   $(LOCALSTATEDIR)/lib/shisaku owned root:shisaku, 2770

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/shisaku
# The system-wide configuration is read from $(SYSCONFDIR)/shisaku/shisaku.ini;
# the path is compiled in (shisaku --help prints it).
SYSCONFDIR ?= /etc
# Secure group mode: the data directory the database lives in, reachable
# only by the group the binary is setgid to (compiled in as well).
LOCALSTATEDIR ?= $(PREFIX)/var
STATEDIR ?= $(LOCALSTATEDIR)/lib/shisaku
GROUP   ?= shisaku
SECURE  ?= $(if $(filter 0,$(shell id -u)),1,0)
VERSION := 0.1.0

CC      ?= gcc
NPROC   := $(shell nproc 2>/dev/null || echo 2)
PKGS    := ncursesw formw menuw sqlite3
# iniparser ships no pkg-config file on Debian.
INI_CFLAGS := -I/usr/include/iniparser
INI_LIBS   := -liniparser

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wmissing-prototypes \
           -Wstrict-prototypes -Wformat=2 -Wno-format-nonliteral
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -pthread $(WARN) $(CFLAGS) -Iinclude -Ibuild/gen $(PKG_CFLAGS) $(INI_CFLAGS) \
             -DSHISAKU_VERSION='"$(VERSION)"'
LDLIBS  = $(PKG_LIBS) $(INI_LIBS) -lm -pthread

SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRCS    := $(sort $(wildcard src/*.c))
LIBSRCS := $(filter-out src/main.c,$(SRCS))
# The migrations' SQL, compiled in (src/store.c): db/migrate-2.sql on.
MIGRATE_HDRS := $(patsubst db/migrate-%.sql,build/gen/migrate-%-sql.h,$(wildcard db/migrate-*.sql))
HDRS    := $(wildcard include/shisaku/*.h) build/gen/default-config.h build/gen/schema-sql.h \
           $(MIGRATE_HDRS)
# Only the files that read the compiled-in paths are rebuilt when an
# install names other directories.
PATHS_SRCS := $(shell grep -l '"paths.h"' src/*.c)

OBJS      := $(SRCS:src/%.c=build/rel/%.o)
LIBOBJS   := $(LIBSRCS:src/%.c=build/rel/%.o)
SANOBJS   := $(SRCS:src/%.c=build/san/%.o)
SANLIBOBJS:= $(LIBSRCS:src/%.c=build/san/%.o)

UNIT_SRCS := $(sort $(wildcard tests/unit/test-*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=build/san/tests/%)

# Fuzz targets (tests/fuzz/fuzz-NAME.c): built with clang and libFuzzer
# by make fuzz; built with gcc as replayers of tests/fuzz/NAME/ by make test.
FUZZ_NAMES  := csv fy value config
FUZZ_S      ?= 60
FUZZ_BINS   := $(FUZZ_NAMES:%=build/fuzz/fuzz-%)
REPLAY_BINS := $(FUZZ_NAMES:%=build/san/fuzz/replay-%)
FUZZ_OBJS   := $(LIBSRCS:src/%.c=build/fuzz/%.o)

SAMPLES   := $(sort $(wildcard db/samples/*.csv))
SAMPLE_DB ?= shisaku-sample.db
MANPAGES  := $(wildcard man/*.1 man/*.5)

.PHONY: all run test unit e2e bench clean install deps lint-man valgrind FORCE fuzz

all: shisaku

shisaku: $(OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(LDLIBS)

build/rel/%.o: src/%.c $(HDRS) | build/rel
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/san/%.o: src/%.c $(HDRS) | build/san
	$(CC) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

# The shipped sample config and the schema are compiled in, so the defaults
# are read by the same parser as the user's file.
build/gen/default-config.h: config/shisaku.ini mk/embed.sh | build/gen
	sh mk/embed.sh shisaku_default_config < $< > $@
build/gen/schema-sql.h: db/schema.sql mk/embed.sh | build/gen
	sh mk/embed.sh shisaku_schema_sql < $< > $@
# Migration N's SQL as the C string shisaku_migrate_N_sql.
$(MIGRATE_HDRS): build/gen/migrate-%-sql.h: db/migrate-%.sql mk/embed.sh | build/gen
	sh mk/embed.sh shisaku_migrate_$*_sql < $< > $@

# The compiled-in paths, rewritten only when a make variable changed them,
# so that "make install SYSCONFDIR=..." rebuilds what reads them.
build/gen/paths.h: FORCE | build/gen
	@{ printf '#define SHISAKU_SYSCONFDIR "%s"\n' '$(SYSCONFDIR)'; \
	   printf '#define SHISAKU_STATEDIR "%s"\n' '$(STATEDIR)'; } > $@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi
FORCE:
$(PATHS_SRCS:src/%.c=build/rel/%.o) $(PATHS_SRCS:src/%.c=build/san/%.o) \
    $(PATHS_SRCS:src/%.c=build/fuzz/%.o): build/gen/paths.h

build/rel build/san build/san/tests build/gen build/fuzz build/san/fuzz build/bench:
	mkdir -p $@

build/san/fuzz/replay-%: tests/fuzz/fuzz-%.c tests/fuzz/replay.c $(SANLIBOBJS) $(HDRS) | build/san/fuzz
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ tests/fuzz/fuzz-$*.c tests/fuzz/replay.c $(SANLIBOBJS) $(LDLIBS)

build/fuzz/%.o: src/%.c $(HDRS) | build/fuzz
	clang -std=c11 -g -O1 $(FUZZ_FLAGS) -Iinclude -Ibuild/gen $(PKG_CFLAGS) $(INI_CFLAGS) \
	    -DSHISAKU_VERSION='"$(VERSION)"' -c -o $@ $<

FUZZ_FLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all

build/fuzz/fuzz-%: tests/fuzz/fuzz-%.c $(FUZZ_OBJS) $(HDRS) | build/fuzz
	clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    -Iinclude -Ibuild/gen $(PKG_CFLAGS) $(INI_CFLAGS) -o $@ $< $(FUZZ_OBJS) $(LDLIBS)

build/san/shisaku: $(SANOBJS)
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $(SANOBJS) $(LDLIBS)

build/san/tests/%: tests/unit/%.c tests/unit/harness.h tests/unit/fixture.h tests/unit/peek.h tests/unit/kept-writes.h tests/unit/sample-writes.h tests/unit/tree-compare.h tests/unit/workflow-writes.h $(SANLIBOBJS) $(HDRS) | build/san/tests
	$(CC) $(ALL_CFLAGS) $(SAN) -Itests/unit -o $@ $< $(SANLIBOBJS) $(LDLIBS)

deps:
	@sh mk/deps.sh

$(SAMPLE_DB): $(SAMPLES) | shisaku
	@if [ ! -f $@ ]; then \
	  ./shisaku -d $@ init && ./shisaku -d $@ import $(SAMPLES) \
	    || { rm -f $@; exit 1; }; \
	fi

run: deps
	@$(MAKE) --no-print-directory -j$(NPROC) shisaku
	@test -f $(SAMPLE_DB) || $(MAKE) --no-print-directory $(SAMPLE_DB)
	./shisaku -d $(SAMPLE_DB)

test: deps
	@$(MAKE) --no-print-directory -j$(NPROC) shisaku build/san/shisaku $(UNIT_BINS) $(REPLAY_BINS)
	@sh tests/run-all.sh

# Runs each fuzz target FUZZ_S seconds (default 60) from a corpus seeded
# with tests/fuzz/NAME/ and the samples; an input that crashes is written
# to tests/fuzz/NAME/, where make test replays it from then on.
fuzz: deps
	@sh mk/deps.sh clang
	@$(MAKE) --no-print-directory -j$(NPROC) $(FUZZ_BINS)
	@sh tests/fuzz/run.sh $(FUZZ_S) $(FUZZ_NAMES)

# The benchmark's own programs (tests/bench/): a generator of plan files
# and a pseudo-terminal driver. BENCH_SIZES overrides the sizes.
BENCH_BINS := build/bench/gen build/bench/drive
build/bench/gen: tests/bench/gen.c | build/bench
	$(CC) -std=c11 $(WARN) -Wno-format-truncation -O2 -o $@ $<
build/bench/drive: tests/bench/drive.c | build/bench
	$(CC) -std=c11 $(WARN) -O2 -o $@ $< -lutil

bench: deps
	@$(MAKE) --no-print-directory -j$(NPROC) shisaku $(BENCH_BINS)
	@sh tests/bench.sh

valgrind: shisaku
	@sh tests/valgrind.sh

lint-man:
	@for m in $(MANPAGES); do mandoc -T lint -W warning $$m || exit 1; done

# With SECURE=1 (the default as root) the binary is installed setgid to
# the group $(GROUP), created as a system group when missing, and the data
# directory $(STATEDIR) belongs to root and that group, mode 2770: users
# outside the group reach the database only through the program (see
# shisaku(1), SECURE GROUP MODE).
install: shisaku
	@if [ "$(SECURE)" = 1 ] && [ "$$(id -u)" -ne 0 ]; then \
	  echo "make install: secure group mode (SECURE=1) needs root; SECURE=0 installs without it" >&2; \
	  exit 1; fi
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(SYSCONFDIR)/shisaku $(DESTDIR)$(DATADIR)/samples
	@if [ "$(SECURE)" = 1 ]; then \
	  getent group $(GROUP) >/dev/null || groupadd --system $(GROUP) || exit 1; \
	  echo "install -o root -g $(GROUP) -m 2755 shisaku $(DESTDIR)$(BINDIR)/shisaku"; \
	  install -o root -g $(GROUP) -m 2755 shisaku $(DESTDIR)$(BINDIR)/shisaku || exit 1; \
	  echo "install -d -o root -g $(GROUP) -m 2770 $(DESTDIR)$(STATEDIR)"; \
	  install -d -o root -g $(GROUP) -m 2770 $(DESTDIR)$(STATEDIR) || exit 1; \
	  chmod 2770 $(DESTDIR)$(STATEDIR); \
	else \
	  echo "install -m 755 shisaku $(DESTDIR)$(BINDIR)/shisaku"; \
	  install -m 755 shisaku $(DESTDIR)$(BINDIR)/shisaku || exit 1; \
	fi
	install -m 644 $(wildcard man/*.1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(wildcard man/*.5) $(DESTDIR)$(MANDIR)/man5/
	install -m 644 config/shisaku.ini $(DESTDIR)$(SYSCONFDIR)/shisaku/shisaku.ini.sample
	install -m 644 $(SAMPLES) $(DESTDIR)$(DATADIR)/samples/

clean:
	rm -rf build shisaku
.SECONDARY: $(FUZZ_OBJS)
