/* The field filters of the query syntax: candidate:, role:, round:,
 * interviewer: (候选人: 岗位: 轮次: 面试官:), since: and until: (从: 到:). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "ivs/query.h"
#include "query_internal.h"

static const char *const field_keys[IVS_FIELD_COUNT][2] = {
    {"candidate", "候选人"},
    {"role", "岗位"},
    {"round", "轮次"},
    {"interviewer", "面试官"},
};

const char *
ivs_query_field_name(int field)
{
    return field >= 0 && field < IVS_FIELD_COUNT ? field_keys[field][0] : "";
}

int
ivs_query_field_filter(const char *chunk, size_t len, const char **value)
{
    for (int f = 0; f < IVS_FIELD_COUNT; f++)
        if ((*value = ivs_query_filter_value(chunk, len, field_keys[f][0])) ||
            (*value = ivs_query_filter_value(chunk, len, field_keys[f][1])))
            return f;
    if ((*value = ivs_query_filter_value(chunk, len, "since")) ||
        (*value = ivs_query_filter_value(chunk, len, "从")))
        return IVS_FIELD_COUNT;
    if ((*value = ivs_query_filter_value(chunk, len, "until")) ||
        (*value = ivs_query_filter_value(chunk, len, "到")))
        return IVS_FIELD_COUNT + 1;
    return -1;
}

int
ivs_query_add_field(ivs_query_t *q, int field, const char *value, size_t len)
{
    if (field < IVS_FIELD_COUNT)
        return ivs_query_add_string(&q->fields[field], &q->n_fields[field],
                                    value, len);
    char **slot = field == IVS_FIELD_COUNT ? &q->since : &q->until;
    free(*slot);
    *slot = strndup(value, len);
    return *slot ? 0 : -1;
}
