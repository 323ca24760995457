/*
 * api_world.c — the part of the fuzz targets' register that no route of the
 * API writes: the social-security network and a field event (lib/registry/
 * network.h and event.h, whose role names cannot share a file with user.h's).
 */
#include "api.h"

#include "core/date.h"
#include "registry/event.h"
#include "registry/network.h"

int fuzz_world_network(struct s40_reg *reg, int64_t id, struct s40_ctx *ctx)
{
	struct s40_net_add a = {
		.person = id,
		.role = S40_ROLE_VOLUNTEER,
		.area = 7503,
		.from_day = s40_day_from_ymd(2025, 1, 1),
	};
	int64_t member_id;
	enum s40_err rc = s40_network_add(reg, &a, &member_id, ctx);
	if (rc)
		return rc;
	struct s40_event e = {
		.day = s40_day_from_ymd(2025, 12, 1),
		.village = 75030702,
		.kind = S40_EVENT_REGISTRATION,
		.place = "ศาลาหมู่บ้าน",
	};
	return s40_event_add(reg, &e, &id, 1, ctx);
}
