/* Messages for ivs_status_t. */
#include "ivs/status.h"

static const char *const messages[] = {
#define IVS_STATUS_MSG(name, msg) msg,
    IVS_STATUS_TABLE(IVS_STATUS_MSG)
#undef IVS_STATUS_MSG
};

const char *
ivs_status_str(ivs_status_t status)
{
    if ((unsigned)status >= IVS_STATUS_COUNT)
        return "unknown status";
    return messages[status];
}
