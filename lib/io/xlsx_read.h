/*
 * xlsx_read.h — one sheet of an .xlsx workbook read as the CSV text the
 * import reads (import.h), so that a workbook and the same cells saved as CSV
 * import alike.
 *
 * The workbook is a zip of XML (ECMA-376, "Office Open XML"): libzip opens the
 * container, expat reads the workbook's list of sheets, its shared strings,
 * its cell styles and the sheet itself, which is read as it streams. Each row
 * of the sheet is one CSV line, so that a line number in a message is the
 * row number Excel shows (rows the sheet leaves out are empty lines, which
 * the CSV reader skips). Cells read as Excel shows them where it matters to
 * the import:
 *   - text as written (shared or inline strings); a line break or tab inside
 *     a cell reads as a space;
 *   - a number in a date or time format as the day it stands for, YYYY-MM-DD
 *     (Gregorian, which the date reader takes), whatever calendar the format
 *     shows it in (Excel keeps the day as a serial number either way);
 *   - a whole number below 10^15 with all its digits (an ID typed as a
 *     number keeps its 13), other numbers as Excel stored them;
 *   - a number in a scientific format as Excel shows it (1.10E+12), so that
 *     an ID Excel rounded is seen as rounded, and refused as such;
 *   - TRUE and FALSE; an error value (#N/A) as Excel shows it.
 */
#ifndef S40_IO_XLSX_READ_H
#define S40_IO_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"

/* The most CSV text one sheet may become (what an import can read). */
#define S40_XLSX_MAX_CSV ((size_t)1 << 31)

/* Whether the first bytes of a file (at least 4) are those of a zip, as every
 * .xlsx is: "PK\3\4". */
bool s40_xlsx_magic(const void *head, size_t n);

/*
 * Read the sheet named sheet (the first sheet when NULL or "") of the
 * workbook data[0..len) into csv as UTF-8 CSV lines, and its name into
 * name[0..name_size). S40_E_CSV_ENCODING for a file that is not a workbook
 * or is damaged, S40_E_NOT_FOUND (field "sheet") for a sheet it does not
 * have (the message lists those it has), S40_E_LIMIT past S40_XLSX_MAX_CSV.
 */
enum s40_err s40_xlsx_to_csv(const void *data, size_t len, const char *sheet, struct s40_buf *csv,
			     char *name, size_t name_size, struct s40_ctx *ctx);

#endif
