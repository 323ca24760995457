/*
 * areas.h — the DOPA area tree in the store: loading the shipped geography,
 * village names, and reading areas.
 */
#ifndef S40_REGISTRY_AREAS_H
#define S40_REGISTRY_AREAS_H

#include <stddef.h>
#include <stdint.h>

#include "core/area.h"
#include "registry.h"

struct s40_area_rec {
	int32_t code;
	enum s40_level level;
	int32_t parent;
	int moo;             /* villages: หมู่ที่ (0 = in no village); else 0 */
	char name_th[160];
	char name_en[160];
	char postcode[8];
};

/*
 * Load the geography built into the program (data/geo): 77 provinces, their
 * districts and subdistricts, and for each subdistrict its villages หมู่ 1 … N
 * from village_counts.csv plus the code with part 00 ("in no village"). Does
 * nothing when areas are loaded already. One journal entry.
 */
enum s40_err s40_areas_load(struct s40_reg *reg, struct s40_ctx *ctx);

/* Read an area; S40_E_UNKNOWN_AREA if there is none. */
enum s40_err s40_area_get(struct s40_store *st, int32_t code, struct s40_area_rec *a,
			  struct s40_ctx *ctx);

/*
 * Name or add a village: code (8 digits; its subdistrict must exist), name.
 * An existing village is renamed, a new หมู่ is added. *changed 0 when the name
 * was already that. The caller runs it in a transaction with a journal entry
 * (it is an import row) or alone (it journals itself).
 */
enum s40_err s40_area_set_village(struct s40_reg *reg, int32_t code, const char *name_th,
				  const char *name_en, int *changed, struct s40_ctx *ctx);

/* The children of an area (0 for the provinces), by code. *out allocated. */
enum s40_err s40_area_children(struct s40_store *st, int32_t code, struct s40_area_rec **out,
			       size_t *n, struct s40_ctx *ctx);

/* Every area at level inside code (0: everywhere), by code. *out allocated. */
enum s40_err s40_area_descendants(struct s40_store *st, int32_t code, enum s40_level level,
				  struct s40_area_rec **out, size_t *n, struct s40_ctx *ctx);

/* How many areas of level are inside code (0: everywhere), without reading them. */
enum s40_err s40_area_count_below(struct s40_store *st, int32_t code, enum s40_level level,
				  int64_t *n, struct s40_ctx *ctx);

/*
 * The labels of a report's total row for area (NULL: the whole country):
 * "รวมจังหวัดสมุทรสงคราม" / "Total Samut Songkhram", with the area's kind
 * (จังหวัด, อำเภอ/เขต, ตำบล/แขวง) before its Thai name. Each buffer ≥ 512.
 */
void s40_area_total_label(const struct s40_area_rec *area, char *th, size_t th_len, char *en,
			  size_t en_len);

/* "หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม" (Bangkok: แขวง/เขต). */
enum s40_err s40_area_full_name(struct s40_store *st, int32_t code, enum s40_lang lang,
				char *buf, size_t n, struct s40_ctx *ctx);

#endif
