/*
 * geo.h — where an area is: a point for each area, from the subdistrict points
 * built into the program (data/geo/subdistrict_points.csv). No store: the
 * points are read once from the embedded file.
 */
#ifndef S40_REGISTRY_GEO_H
#define S40_REGISTRY_GEO_H

#include <stdbool.h>
#include <stdint.h>

/* The point of an area, WGS 84 degrees: a subdistrict's from data/geo/subdistrict_points.csv;
 * a district's the mean of its subdistricts' points, a province's the mean of its districts'
 * points (so that it is the centre of the circles on the province's map, however many
 * subdistricts each district has), the country (0) the mean of the provinces' points;
 * a village's its subdistrict's (any หมู่ที่: villages may be added by an import). false when
 * no point is known (85 subdistricts, and any area all of whose children lack one, e.g. the
 * districts 1047, 1050 and 4029; a number that is not an area code); *lat and *lon are then
 * left alone. Thread-safe (loaded once). */
bool s40_geo_point(int32_t code, double *lat, double *lon);

#endif
