/*
 * CSV and TSV reading and writing as Excel does it: quotes, embedded line
 * breaks and the line numbers after them, BOM, CRLF, broken files with
 * their line and field number, and quoting only where needed on output.
 */

#define _POSIX_C_SOURCE 200809L	/* open_memstream */

#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "shisaku/csv.h"

/* Reads every record of data and returns them as one string: fields joined
 * by '|', records by '\n', each record prefixed by "LINE:"; an error is
 * "LINE:COL!". Static buffer. */
static const char *
dump(const char *data, size_t len, char sep)
{
	static char		 out[4096];
	struct csv_reader	*r = csv_reader_new(data, len, sep);
	struct csv_record	 rec;
	size_t			 i, el, ec, n = 0;
	char			*cause;
	int			 rc;

	out[0] = '\0';
	while ((rc = csv_read(r, &rec, &cause, &el, &ec)) != 0) {
		if (rc == -1) {
			n += (size_t)snprintf(out + n, sizeof out - n,
			    "%zu:%zu!\n", el, ec);
			free(cause);
			continue;
		}
		n += (size_t)snprintf(out + n, sizeof out - n, "%zu:",
		    rec.line);
		for (i = 0; i < rec.nfields; i++)
			n += (size_t)snprintf(out + n, sizeof out - n, "%s%s",
			    i ? "|" : "", rec.fields[i]);
		n += (size_t)snprintf(out + n, sizeof out - n, "\n");
	}
	csv_reader_free(r);
	return out;
}

#define DUMP(s) dump((s), strlen(s), ',')

/* The same as dump, read as a stream fed piece bytes at a time, as a
 * large file is read: the caller keeps what the reader has not finished
 * and adds the next piece. */
static const char *
dump_stream(const char *data, size_t len, char sep, size_t piece)
{
	static char		 out[4096];
	struct csv_reader	*r = csv_reader_new_stream(sep);
	struct csv_record	 rec;
	size_t			 i, el, ec, n = 0, have = 0, fed = 0, keep;
	char			*cause, *buf = malloc(len + 1);
	int			 rc;

	out[0] = '\0';
	for (;;) {
		size_t add = len - fed < piece ? len - fed : piece;

		memcpy(buf + have, data + fed, add);
		have += add;
		fed += add;
		csv_reader_feed(r, buf, have, fed == len);
		while ((rc = csv_read(r, &rec, &cause, &el, &ec)) != 0 &&
		    rc != CSV_MORE) {
			if (rc == -1) {
				n += (size_t)snprintf(out + n, sizeof out - n,
				    "%zu:%zu!\n", el, ec);
				free(cause);
				continue;
			}
			n += (size_t)snprintf(out + n, sizeof out - n, "%zu:",
			    rec.line);
			for (i = 0; i < rec.nfields; i++)
				n += (size_t)snprintf(out + n, sizeof out - n, "%s%s",
				    i ? "|" : "", rec.fields[i]);
			n += (size_t)snprintf(out + n, sizeof out - n, "\n");
		}
		if (rc == 0)
			break;
		keep = csv_reader_pos(r);
		memmove(buf, buf + keep, have - keep);
		have -= keep;
	}
	csv_reader_free(r);
	free(buf);
	return out;
}

TEST(simple_rows)
{
	CHECK_STR(DUMP("a,b,c\nd,e,f\n"), "1:a|b|c\n2:d|e|f\n");
	CHECK_STR(DUMP("shisaku-plan,1\n"), "1:shisaku-plan|1\n");
	CHECK_STR(DUMP("令和,７年度\n"), "1:令和|７年度\n");
}

TEST(line_endings)
{
	CHECK_STR(DUMP("a,b\r\nc,d\r\n"), "1:a|b\n2:c|d\n");
	CHECK_STR(DUMP("a,b\rc,d\r"), "1:a|b\n2:c|d\n");
	CHECK_STR(DUMP("a\nb\r\nc\rd"), "1:a\n2:b\n3:c\n4:d\n");
}

TEST(no_trailing_newline)
{
	CHECK_STR(DUMP("a,b\nc,d"), "1:a|b\n2:c|d\n");
	CHECK_STR(DUMP("a,\"b\""), "1:a|b\n");
}

TEST(empty_input_and_blank_lines)
{
	CHECK_STR(DUMP(""), "");
	CHECK_STR(DUMP("\xef\xbb\xbf"), "");
	/* A blank line is a record of one empty field; the last line break
	 * does not start another record. */
	CHECK_STR(DUMP("a\n\nb\n"), "1:a\n2:\n3:b\n");
	CHECK_STR(DUMP("\n"), "1:\n");
	CHECK_STR(DUMP("a\n\n"), "1:a\n2:\n");
}

TEST(empty_fields)
{
	CHECK_STR(DUMP(",\n"), "1:|\n");
	CHECK_STR(DUMP("a,,b,\n"), "1:a||b|\n");
	CHECK_STR(DUMP("\"\",x\n"), "1:|x\n");
	CHECK_STR(DUMP("a,"), "1:a|\n");
}

/* The rows a reader of records skips as blank: a blank line, and a row of
 * empty fields only, as a spreadsheet saves an empty row in its range;
 * not a row with anything in any field, a blank or a quoted blank. */
/* What is asked of the first record of data. */
enum first_ask { ASK_BLANK, ASK_HEADER, ASK_COMMENT };

/* The answer about the first record, -1 when there is none. ASK_HEADER
 * asks whether it is the header "shisaku-plan,1", blanks around aside. */
static int
first_record(const char *data, enum first_ask ask)
{
	struct csv_reader	*r = csv_reader_new(data, strlen(data), ',');
	struct csv_record	 rec;
	int			 answer = -1;

	if (csv_read(r, &rec, NULL, NULL, NULL) > 0)
		answer = ask == ASK_BLANK ? csv_record_blank(&rec) :
		    ask == ASK_COMMENT ? csv_record_comment(&rec) :
		    csv_record_is(&rec, "shisaku-plan", "1");
	csv_reader_free(r);
	return answer;
}

static int
first_blank(const char *data)
{
	return first_record(data, ASK_BLANK);
}

TEST(blank_rows)
{
	CHECK_INT(first_blank("\n"), 1);
	CHECK_INT(first_blank(",,,,,\r\n"), 1);
	CHECK_INT(first_blank("\"\",,\n"), 1);
	CHECK_INT(first_blank(",,x\n"), 0);
	CHECK_INT(first_blank("x,,\n"), 0);
	CHECK_INT(first_blank(" ,,\n"), 0);
}

/* A header and comments copied out of an indented example (a man page
 * in a terminal) are read as written without the indent; nothing else
 * is taken for them. */
TEST(header_and_comment_with_blanks)
{
	CHECK_INT(first_record("shisaku-plan,1\n", ASK_HEADER), 1);
	CHECK_INT(first_record("       shisaku-plan,1\n", ASK_HEADER), 1);
	CHECK_INT(first_record("\tshisaku-plan , 1 \r\n", ASK_HEADER), 1);
	CHECK_INT(first_record("\xe3\x80\x80shisaku-plan,\xe3\x80\x80" "1\n",
	    ASK_HEADER), 1);
	CHECK_INT(first_record("shisaku-plan\n", ASK_HEADER), 0);
	CHECK_INT(first_record("shisaku-plan,2\n", ASK_HEADER), 0);
	CHECK_INT(first_record("shisaku-plan,12\n", ASK_HEADER), 0);
	CHECK_INT(first_record("shisaku-planx,1\n", ASK_HEADER), 0);
	CHECK_INT(first_record("shisaku -plan,1\n", ASK_HEADER), 0);
	CHECK_INT(first_record("#x,1\n", ASK_COMMENT), 1);
	CHECK_INT(first_record("   # 計画\n", ASK_COMMENT), 1);
	CHECK_INT(first_record("\xe3\x80\x80#\n", ASK_COMMENT), 1);
	CHECK_INT(first_record("node,#1\n", ASK_COMMENT), 0);
	CHECK_INT(first_record("\n", ASK_COMMENT), 0);
}

TEST(ragged_rows)
{
	CHECK_STR(DUMP("a\nb,c,d\ne,f\n"), "1:a\n2:b|c|d\n3:e|f\n");
}

TEST(bom_is_skipped)
{
	CHECK_STR(DUMP("\xef\xbb\xbfshisaku-plan,1\r\nplan,x\r\n"),
	    "1:shisaku-plan|1\n2:plan|x\n");
	/* Only at the very start. */
	CHECK_STR(DUMP("a,\xef\xbb\xbf" "b\n"), "1:a|\xef\xbb\xbf" "b\n");
}

TEST(quoted_fields)
{
	CHECK_STR(DUMP("\"a,b\",c\n"), "1:a,b|c\n");
	CHECK_STR(DUMP("\"say \"\"hi\"\"\",x\n"), "1:say \"hi\"|x\n");
	CHECK_STR(DUMP("\"\"\"\"\n"), "1:\"\n");
	CHECK_STR(DUMP("\" padded \"\n"), "1: padded \n");
	CHECK_STR(DUMP("x,\"a\tb\"\n"), "1:x|a\tb\n");
}

TEST(embedded_newlines_and_line_numbers)
{
	const char	*data = "node,1,\"○講座の開催\n○連続講座\",z\n"
	    "next,2\n"
	    "\"a\r\nb\r\nc\",d\r\n"
	    "last\n";
	struct csv_reader	*r = csv_reader_new(data, strlen(data), ',');
	struct csv_record	 rec;

	CHECK_INT(csv_read(r, &rec, NULL, NULL, NULL), 1);
	CHECK_INT(rec.line, 1);
	CHECK_INT(rec.nfields, 4);
	CHECK_STR(rec.fields[2], "○講座の開催\n○連続講座");
	CHECK_INT(rec.field_line[2], 1);
	CHECK_INT(rec.field_line[3], 2);
	CHECK_STR(rec.fields[3], "z");
	CHECK_INT(csv_read(r, &rec, NULL, NULL, NULL), 1);
	CHECK_INT(rec.line, 3);
	CHECK_STR(rec.fields[0], "next");
	CHECK_INT(csv_read(r, &rec, NULL, NULL, NULL), 1);
	CHECK_INT(rec.line, 4);
	/* A CRLF inside a field is read as one "\n". */
	CHECK_STR(rec.fields[0], "a\nb\nc");
	CHECK_INT(rec.field_line[1], 6);
	CHECK_INT(csv_read(r, &rec, NULL, NULL, NULL), 1);
	CHECK_INT(rec.line, 7);
	CHECK_STR(rec.fields[0], "last");
	CHECK_INT(csv_read(r, &rec, NULL, NULL, NULL), 0);
	CHECK_INT(csv_read(r, &rec, NULL, NULL, NULL), 0);
	csv_reader_free(r);
}

TEST(tsv)
{
	const char	*data = "plan\tyuki\t結城市, 行政改革\n"
	    "note\t\"a\tb\"\t\n";

	CHECK_STR(dump(data, strlen(data), '\t'),
	    "1:plan|yuki|結城市, 行政改革\n2:note|a\tb|\n");
}

/* Reads data expecting an error on the n-th read (1-based). */
static char *
error_at(const char *data, size_t len, int nth, size_t *line, size_t *col)
{
	struct csv_reader	*r = csv_reader_new(data, len, ',');
	struct csv_record	 rec;
	char			*cause = NULL;
	int			 i, rc = 0;

	*line = *col = 0;
	for (i = 0; i < nth; i++)
		rc = csv_read(r, &rec, &cause, line, col);
	csv_reader_free(r);
	if (rc != -1) {
		FAIL_AT("no error in read %d", nth);
		return NULL;
	}
	return cause;
}

TEST(error_unterminated_quote)
{
	const char	*data = "a,b\nc,\"never\nclosed,x\ny\n";
	size_t		 line, col;
	char		*cause = error_at(data, strlen(data), 2, &line, &col);

	CHECK(cause != NULL && strstr(cause, "閉じられていません") != NULL);
	CHECK_INT(line, 2);
	CHECK_INT(col, 2);
	free(cause);
	CHECK_STR(DUMP(data), "1:a|b\n2:2!\n");
}

TEST(error_stray_quote)
{
	const char	*data = "ok,1\nbad,ab\"c,x\nnext,3\n";
	size_t		 line, col;
	char		*cause = error_at(data, strlen(data), 2, &line, &col);

	CHECK(cause != NULL && strstr(cause, "\"") != NULL);
	CHECK_INT(line, 2);
	CHECK_INT(col, 2);
	free(cause);
	/* The reader goes on with the next line. */
	CHECK_STR(DUMP(data), "1:ok|1\n2:2!\n3:next|3\n");
}

TEST(error_text_after_closing_quote)
{
	const char	*data = "a,\"b\"c,d\ne\n";
	size_t		 line, col;
	char		*cause = error_at(data, strlen(data), 1, &line, &col);

	CHECK(cause != NULL && strstr(cause, "閉じる") != NULL);
	CHECK_INT(line, 1);
	CHECK_INT(col, 2);
	free(cause);
	CHECK_STR(DUMP(data), "1:2!\n2:e\n");
	/* A blank after the closing quote is text too. */
	CHECK_STR(DUMP("\"a\" ,b\nc\n"), "1:1!\n2:c\n");
}

TEST(error_invalid_utf8)
{
	/* Shift_JIS "結城" in field 3 of line 2. */
	const char	*data = "a,b,c\nplan,x,\x8c\x8b\x8f\xe9\nd\n";
	size_t		 line, col;
	char		*cause = error_at(data, strlen(data), 2, &line, &col);

	CHECK(cause != NULL && strstr(cause, "UTF-8") != NULL);
	CHECK(cause != NULL && strstr(cause, "0x8C") != NULL);
	CHECK_INT(line, 2);
	CHECK_INT(col, 3);
	free(cause);
	CHECK_STR(DUMP(data), "1:a|b|c\n2:3!\n3:d\n");
}

TEST(error_invalid_utf8_after_embedded_newline)
{
	const char	*data = "a,\"one\ntwo\nth\xffree\",c\nnext\n";
	size_t		 line, col;
	char		*cause = error_at(data, strlen(data), 1, &line, &col);

	CHECK_INT(line, 3);
	CHECK_INT(col, 2);
	free(cause);
	CHECK_STR(DUMP(data), "3:2!\n4:next\n");
}

TEST(error_invalid_utf8_in_first_field)
{
	const char	*data = "\xc0\xaf,b\n";
	size_t		 line, col;
	char		*cause = error_at(data, strlen(data), 1, &line, &col);

	CHECK_INT(line, 1);
	CHECK_INT(col, 1);
	free(cause);
}

TEST(error_nul_byte)
{
	const char	 data[] = "a,b\nc,d\0e\nf\n";
	size_t		 line, col;
	char		*cause = error_at(data, sizeof data - 1, 2, &line, &col);

	CHECK(cause != NULL && strstr(cause, "NUL") != NULL);
	CHECK_INT(line, 2);
	CHECK_INT(col, 2);
	free(cause);
	CHECK_STR(dump(data, sizeof data - 1, ','), "1:a|b\n2:2!\n3:f\n");
}

TEST(errors_are_optional_outputs)
{
	struct csv_reader	*r = csv_reader_new("a\"b\n", 4, ',');
	struct csv_record	 rec;

	CHECK_INT(csv_read(r, &rec, NULL, NULL, NULL), -1);
	CHECK_INT(csv_read(r, &rec, NULL, NULL, NULL), 0);
	csv_reader_free(r);
	csv_reader_free(NULL);
}

TEST(many_fields_and_long_field)
{
	char			*data, *big;
	struct csv_reader	*r;
	struct csv_record	 rec;
	size_t			 i, n = 0;

	data = malloc(200000);
	big = malloc(100001);
	memset(big, 'x', 100000);
	big[100000] = '\0';
	for (i = 0; i < 100; i++)
		data[n++] = ',';
	memcpy(data + n, big, 100000);
	n += 100000;
	data[n++] = '\n';
	r = csv_reader_new(data, n, ',');
	CHECK_INT(csv_read(r, &rec, NULL, NULL, NULL), 1);
	CHECK_INT(rec.nfields, 101);
	CHECK_STR(rec.fields[0], "");
	CHECK_STR(rec.fields[100], big);
	csv_reader_free(r);
	free(data);
	free(big);
}

/* Writes the fields with a writer and returns the output (caller frees). */
static char *
write_row(char sep, const char *eol, const char **fields, size_t n)
{
	struct csv_writer	 w;
	char			*buf = NULL;
	size_t			 len = 0, i;
	FILE			*f = open_memstream(&buf, &len);

	csv_writer_init(&w, f, sep, eol);
	for (i = 0; i < n; i++)
		csv_write_field(&w, fields[i]);
	csv_write_int(&w, -42);
	csv_end_row(&w);
	csv_write_int(&w, 7);
	csv_end_row(&w);
	fclose(f);
	return buf;
}

TEST(writer_quotes_only_when_needed)
{
	const char	*fields[] = {
		"plain", "", NULL, "a,b", "say \"hi\"", "line\nbreak",
		"cr\rx", " left", "trail ", "a\tb", "令和７年度", "in side",
	};
	char		*s;

	s = write_row(',', "\r\n", fields, sizeof fields / sizeof fields[0]);
	CHECK_STR(s, "plain,,,\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\","
	    "\"cr\rx\",\" left\",\"trail \",a\tb,令和７年度,in side,-42\r\n"
	    "7\r\n");
	free(s);
	s = write_row('\t', NULL, fields, sizeof fields / sizeof fields[0]);
	CHECK_STR(s, "plain\t\t\ta,b\t\"say \"\"hi\"\"\"\t\"line\nbreak\"\t"
	    "\"cr\rx\"\t\" left\"\t\"trail \"\t\"a\tb\"\t令和７年度\tin side"
	    "\t-42\n7\n");
	free(s);
}

TEST(write_then_read_round_trip)
{
	const char	*fields[] = {
		"node", "", "\"quoted\"", "a,b", "○一\n○二", " x ", "ー５",
	};
	const size_t	 n = sizeof fields / sizeof fields[0];
	char		*s;
	struct csv_reader *r;
	struct csv_record rec;
	size_t		 i;

	s = write_row(',', "\r\n", fields, n);
	r = csv_reader_new(s, strlen(s), ',');
	CHECK_INT(csv_read(r, &rec, NULL, NULL, NULL), 1);
	CHECK_INT(rec.nfields, n + 1);
	for (i = 0; i < n && i < rec.nfields; i++)
		CHECK_STR(rec.fields[i], fields[i]);
	CHECK_STR(rec.fields[n], "-42");
	CHECK_INT(csv_read(r, &rec, NULL, NULL, NULL), 1);
	CHECK_INT(rec.line, 3);
	CHECK_STR(rec.fields[0], "7");
	CHECK_INT(csv_read(r, &rec, NULL, NULL, NULL), 0);
	csv_reader_free(r);
	free(s);
}

/* A large file is read piece by piece: whatever the pieces, the records,
 * their lines and the errors are those of the whole input at once. */
TEST(stream_reads_as_whole)
{
	static const char *const inputs[] = {
		"a,b,c\nd,e,f\n",
		"\xef\xbb\xbfshisaku-plan,1\r\nnode,\"x\"\r\n",
		"a,b\rc,d\r",
		"a\nb\r\nc\rd",
		"\n\na,,\n,\n",
		"node,\"○一\n○二\r\n○三\",\"say \"\"hi\"\"\"\nnext,1\n",
		"a\tb\n\"c\td\"\te\n",
		"a,\"never closed\nb,c\n",
		"a,b\"c,d\ne,f\n",
		"a,\"q\"x,y\nz\n",
		"a,\xff\xfe,b\nc,d\n",
		"x,\"line\n\xe4,bad\",y\nok\n",
		"令和,７年度\r\n指標,\"１\n２\"\r\n",
		"",
		"no newline at end",
	};
	size_t	i, piece;
	char	whole[4096];

	for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		char sep = strchr(inputs[i], '\t') ? '\t' : ',';

		snprintf(whole, sizeof whole, "%s", dump(inputs[i],
		    strlen(inputs[i]), sep));
		for (piece = 1; piece <= strlen(inputs[i]) + 1; piece++)
			CHECK_STR(dump_stream(inputs[i], strlen(inputs[i]), sep,
			    piece), whole);
	}
}

int
main(void)
{
	RUN(simple_rows);
	RUN(line_endings);
	RUN(no_trailing_newline);
	RUN(empty_input_and_blank_lines);
	RUN(empty_fields);
	RUN(blank_rows);
	RUN(header_and_comment_with_blanks);
	RUN(ragged_rows);
	RUN(bom_is_skipped);
	RUN(quoted_fields);
	RUN(embedded_newlines_and_line_numbers);
	RUN(tsv);
	RUN(error_unterminated_quote);
	RUN(error_stray_quote);
	RUN(error_text_after_closing_quote);
	RUN(error_invalid_utf8);
	RUN(error_invalid_utf8_after_embedded_newline);
	RUN(error_invalid_utf8_in_first_field);
	RUN(error_nul_byte);
	RUN(errors_are_optional_outputs);
	RUN(many_fields_and_long_field);
	RUN(writer_quotes_only_when_needed);
	RUN(write_then_read_round_trip);
	RUN(stream_reads_as_whole);
	DONE();
}
