/*
 * sorted.h — searches in sorted arrays of days, shared by the as-of and the
 * attainment indexes (inline: they are the queries' inner loops).
 */
#ifndef S40_STATS_SORTED_H
#define S40_STATS_SORTED_H

#include <stdint.h>

/* Count of values ≤ day in the sorted v[0..n): halved down to 64 values, then
 * counted in one pass (read in order, without a branch to mispredict). */
static inline uint32_t count_le(const int32_t *v, uint32_t n, int32_t day)
{
	uint32_t lo = 0, hi = n;
	while (hi - lo > 64) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (v[mid] <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	uint32_t k = lo;
	for (uint32_t i = lo; i < hi; i++)
		k += v[i] <= day;
	return k;
}

/* Index of the first of the sorted v[0..n) that is ≥ day. */
static inline uint32_t lower_bound(const int32_t *v, uint32_t n, int32_t day)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (v[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

#endif
