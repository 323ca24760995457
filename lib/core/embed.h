/*
 * embed.h — files built into the program: the geography and rate tables under
 * data/, the schema migrations, and later the web UI. The table is generated at
 * build time by tools/embed.c.
 */
#ifndef S40_CORE_EMBED_H
#define S40_CORE_EMBED_H

#include <stddef.h>

struct s40_embed {
	const char *name; /* path below the embedded root: "geo/provinces.csv" */
	const unsigned char *data; /* NUL-terminated (the NUL is not in len) */
	size_t len;
};

/* The file called name, or NULL. */
const struct s40_embed *s40_embed_find(const char *name);

/* Every embedded file, ended by an entry whose name is NULL. */
extern const struct s40_embed s40_embedded[];

#endif
