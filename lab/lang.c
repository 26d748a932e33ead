/* lang.c — language selection (contract: lang.h). */
#include "lang.h"

#include <stdlib.h>
#include <string.h>

int sl_lang_zh(void)
{
    const char *forced = getenv("SOFTMAX_LAB_LANG");
    if (forced && *forced)
        return strncmp(forced, "zh", 2) == 0;
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strncmp(v, "zh", 2) == 0;
    }
    return 0;
}

const char *sl_text_get(const sl_text *t, int zh)
{
    if (zh && t->zh && *t->zh)
        return t->zh;
    return t->en ? t->en : "";
}
