/*
 * The encodings Excel reads and writes, for plan and results files: UTF-8
 * with or without a BOM, UTF-16 with a BOM (Excel's 「Unicode テキスト」,
 * tab-separated) and CP932 (Excel's plain 「CSV (コンマ区切り)」 on
 * Japanese Windows). Detecting a file's encoding, reading it into UTF-8,
 * and writing UTF-8 as CP932 with the well-known character pairs mapped
 * both ways. No curses, no SQL.
 *
 * CP932 and Unicode disagree on a few characters: Unicode text written on
 * a Mac or in a browser uses U+2014 EM DASH, U+301C WAVE DASH, U+2016,
 * U+2212, U+00A2, U+00A3 and U+00AC, while CP932 holds their look-alikes
 * U+2015, U+FF5E, U+2225, U+FF0D, U+FFE0, U+FFE1 and U+FFE2. Writing maps
 * the former to the latter's bytes; reading CP932 maps them back, so a
 * plan exported to CP932 and imported again is the same plan.
 */
#ifndef SHISAKU_TEXTENC_H
#define SHISAKU_TEXTENC_H

#include <stddef.h>

enum text_encoding {
	TENC_UTF8,
	TENC_UTF8_BOM,
	TENC_UTF16LE,		/* with a BOM */
	TENC_UTF16BE,		/* with a BOM */
	TENC_CP932
};

/* A name for messages: "UTF-8", "UTF-8（BOM 付き）", "UTF-16LE" … */
const char *textenc_label(enum text_encoding enc);

/* Reads a --encoding word: utf-8, utf-8-bom, utf-16 (either byte order,
 * by the BOM), utf-16le, utf-16be, cp932 (also sjis, shift_jis,
 * windows-31j). Case does not matter. Returns 0, or -1 for an unknown
 * word. *any_utf16 is set for plain "utf-16" (may be NULL). */
int textenc_parse(const char *word, enum text_encoding *out, int *any_utf16);

/*
 * Finds the encoding of a file's bytes: a UTF-8 BOM, a UTF-16LE or BE
 * BOM, else valid UTF-8, else valid CP932 (unless most of it is UTF-8
 * with a damaged byte). Returns 0 and *enc, or -1 with *cause naming the
 * first byte that fits none, and its line and column in *line and *col
 * (1-based, columns counted in characters; either may be NULL).
 */
int textenc_detect(const char *buf, size_t len, enum text_encoding *enc,
    size_t *line, size_t *col, char **cause);

/*
 * Converts the bytes of a file in enc to UTF-8 without a BOM (a BOM of
 * the encoding is skipped) into a new NUL-terminated *out of *outlen
 * bytes; CP932's look-alikes are mapped back (see above), and so are the
 * references TENC_REF writes (&#xHHHH;). A byte sequence
 * that is not valid in enc gives -1 with *cause, and its line and column
 * in *line and *col (either may be NULL).
 */
int textenc_decode(const char *buf, size_t len, enum text_encoding enc,
    char **out, size_t *outlen, size_t *line, size_t *col, char **cause);

/* What to do with a character CP932 cannot hold. */
enum textenc_unmappable {
	TENC_REFUSE,		/* an error naming it, its code point, line, column */
	TENC_GETA,		/* write 〓 (U+3013), as Japanese offices do */
	/* write a numeric character reference (&#x25B6;), which reading a
	 * CP932 file turns back into the character: a round trip that keeps
	 * every character. A text's own "&#x" is written as "&#x26;#x". */
	TENC_REF
};

/*
 * Converts UTF-8 text to CP932 into a new *out of *outlen bytes, mapping
 * the well-known pairs. A character CP932 cannot hold is refused (-1 with
 * *cause: 「2 行 15 列の「▶」（U+25B6）は CP932 で表せません」), or written
 * as 〓 or as a reference (&#x25B6;), with *replaced counting them (may be
 * NULL).
 */
int textenc_encode_cp932(const char *utf8, size_t len,
    enum textenc_unmappable how, char **out, size_t *outlen, size_t *replaced,
    char **cause);
/* The same for a piece of a longer text that begins a line: first_line
 * is its first line's number in the whole, for the messages. */
int textenc_encode_cp932_at(const char *utf8, size_t len, size_t first_line,
    enum textenc_unmappable how, char **out, size_t *outlen, size_t *replaced,
    char **cause);

/* The CP932 look-alike of a Unicode character, or the character itself
 * (for the man page's table and tests). */
unsigned textenc_cp932_pair(unsigned cp);

/* 1 if a and b (UTF-8; NULL is "") are the same text but for the pairs
 * CP932 folds (〜 and ～, — and ―, …), else 0: a value that went out to
 * CP932 and came back unchanged is no change. */
int textenc_cp932_same(const char *a, const char *b);

#endif
