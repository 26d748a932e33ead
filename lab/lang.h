/* lang.h — the interface language (English or Chinese) for every program. */
#ifndef SL_LANG_H
#define SL_LANG_H

#include "manifest.h"

/* 1 when messages should be Chinese: $SOFTMAX_LAB_LANG if set ("zh…" or
 * "en…"), else the first non-empty of LC_ALL, LC_MESSAGES, LANG starting
 * with "zh".  0 otherwise. */
int sl_lang_zh(void);

/* t->zh when zh and it exists, else t->en (never NULL: "" if both missing). */
const char *sl_text_get(const sl_text *t, int zh);

/* Picks one of two literal strings: sl_tr(zh, "English", "中文"). */
static inline const char *sl_tr(int zh, const char *en, const char *zh_text)
{
    return zh ? zh_text : en;
}

#endif
