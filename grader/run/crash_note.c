/* crash_note.c — linked into every suite binary by sl_link_suite (build.h).
 *
 * Criterion's TAP report says only "unexpected signal" when a test dies.  So
 * that the checker can say *which* signal (SIGSEGV: an array index out of
 * bounds, SIGFPE: …), this installs handlers for the fatal signals that, when
 * $SL_CRASH_NOTES names a file, append "<suite>::<test> <signal>\n" to it and
 * then die of the same signal as before (SA_RESETHAND + raise), so Criterion
 * still sees the crash.  Only async-signal-safe calls in the handler. */
#include <criterion/criterion.h>

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char notes_path[1024];

static void append(char *buf, size_t *len, size_t cap, const char *s)
{
    while (*s && *len + 1 < cap)
        buf[(*len)++] = *s++;
}

static void on_fatal_signal(int sig)
{
    const struct criterion_test *t = criterion_current_test;
    const struct criterion_suite *s = criterion_current_suite;
    if (notes_path[0] && t && s && t->name && s->name) {
        char line[512], num[8];
        size_t len = 0, n = 0;
        int v = sig;
        do
            num[n++] = (char)('0' + v % 10);
        while ((v /= 10) && n < sizeof num);
        append(line, &len, sizeof line, s->name);
        append(line, &len, sizeof line, "::");
        append(line, &len, sizeof line, t->name);
        append(line, &len, sizeof line, " ");
        while (n && len + 2 < sizeof line)
            line[len++] = num[--n];
        line[len++] = '\n';
        int fd = open(notes_path, O_WRONLY | O_APPEND | O_CREAT, 0644);
        if (fd >= 0) {
            ssize_t w = write(fd, line, len);
            (void)w;
            close(fd);
        }
    }
    raise(sig); /* the handler was reset: this dies of sig, as before */
}

__attribute__((constructor)) static void install_crash_note(void)
{
    const char *p = getenv("SL_CRASH_NOTES");
    if (!p || !*p || strlen(p) >= sizeof notes_path)
        return;
    strcpy(notes_path, p);
    /* An alternate stack, so that a stack overflow (endless recursion) is
     * noted too; fork()ed test processes inherit it. */
    static char alt_stack[1 << 16];
    stack_t ss = {.ss_sp = alt_stack, .ss_size = sizeof alt_stack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    sa.sa_flags = (int)SA_RESETHAND | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
}
