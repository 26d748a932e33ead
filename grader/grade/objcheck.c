/* objcheck.c — see objcheck.h.  Reads ELF64 little-endian by hand (<elf.h>
 * types), bounds-checking every offset: the object is untrusted input. */
#include "objcheck.h"

#include "util.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#define MAX_REASONS 6

static const char *const import_ok[] = {
    /* libm */
    "exp", "expm1", "exp2", "log", "log1p", "log2", "log10", "sqrt", "pow", "fabs", "fmax",
    "fmin", "floor", "ceil", "round", "trunc", "tanh", "exp10", "cbrt", "hypot", "fma",
    "isnan", "isinf", "__isnan", "__isinf", "__fpclassify", "nextafter", "ldexp", "frexp",
    /* memory and small libc helpers */
    "malloc", "calloc", "realloc", "free", "aligned_alloc", "posix_memalign", "memcpy",
    "memmove", "memset", "memcmp", "qsort", "strlen", "strcmp", "abort", "__assert_fail",
    "__stack_chk_fail", "_GLOBAL_OFFSET_TABLE_",
    /* debugging output to stdout/stderr (captured and capped) */
    "printf", "puts", "putchar", "fprintf", "fputs", "fputc", "fflush", "stdout", "stderr",
    "__printf_chk", "__fprintf_chk",
    /* runtime helpers of softmax_lab.h and the other exercises' functions */
    "logits", "one_hot", "argmax", "predict", "accuracy", "sl_not_implemented",
    "softmax", "cross_entropy", "grad_w", "grad_b", "train", NULL};

int objcheck_import_allowed(const char *name)
{
    /* instrumentation calls of a SANITIZE=1 build (the checks' own toolchain) */
    if (strncmp(name, "__asan_", 7) == 0 || strncmp(name, "__ubsan_handle_", 15) == 0)
        return 1;
    for (size_t i = 0; import_ok[i]; i++)
        if (strcmp(name, import_ok[i]) == 0)
            return 1;
    return 0;
}

/* name is base, or base followed by ".something". */
static int is_family(const char *name, const char *base)
{
    size_t n = strlen(base);
    return strncmp(name, base, n) == 0 && (name[n] == '\0' || name[n] == '.');
}

static int section_allowed(const char *name)
{
    static const char *const family[] = {".text", ".data", ".bss", ".rodata", ".comment",
                                         ".eh_frame", ".note.GNU-stack", ".note.gnu.property",
                                         ".symtab", ".strtab", ".shstrtab", ".group",
                                         ".data.rel", NULL};
    if (name[0] == '\0')
        return 1;
    if (strncmp(name, ".debug_", 7) == 0 || strncmp(name, ".rela.debug_", 12) == 0)
        return 1;
    /* .text.startup is where a compiler puts main: not allowed */
    if (strcmp(name, ".text.startup") == 0)
        return 0;
    const char *base = strncmp(name, ".rela", 5) == 0 ? name + 5 : name;
    for (size_t i = 0; family[i]; i++)
        if (is_family(base, family[i]))
            return 1;
    return 0;
}

typedef struct {
    sb_t why;
    int n;
    int zh;
} reasons;

static void reason(reasons *r, const char *en, const char *zh, const char *arg)
{
    if (r->n++ >= MAX_REASONS)
        return;
    sb_add(&r->why, "- ");
    const char *t = r->zh ? zh : en, *hole = strstr(t, "%s");
    if (hole) {
        sb_addn(&r->why, t, (size_t)(hole - t));
        sb_add(&r->why, arg ? arg : "");
        sb_add(&r->why, hole + 2);
    } else {
        sb_add(&r->why, t);
    }
    sb_add(&r->why, "\n");
}

/* Printable, bounded copy of an untrusted name for messages. */
static char *clean(const char *s, size_t max)
{
    char *c = xmalloc(max + 4);
    size_t i = 0;
    for (; s[i] && i < max; i++)
        c[i] = (s[i] >= 0x21 && s[i] < 0x7f && s[i] != '`') ? s[i] : '?';
    if (s[i])
        c[i++] = '.', c[i++] = '.', c[i++] = '.';
    c[i] = '\0';
    return c;
}

static const char *str_at(const unsigned char *obj, size_t len, const Elf64_Shdr *strtab,
                          size_t off)
{
    if (!strtab || strtab->sh_offset > len || strtab->sh_size > len - strtab->sh_offset
        || off >= strtab->sh_size)
        return NULL;
    const char *s = (const char *)obj + strtab->sh_offset + off;
    if (!memchr(s, '\0', strtab->sh_size - off))
        return NULL;
    return s;
}

static void scan_code(const unsigned char *p, size_t n, const char *sec, reasons *r)
{
    for (size_t i = 0; i + 1 < n; i++) {
        int sys = (p[i] == 0x0f && (p[i + 1] == 0x05 || p[i + 1] == 0x34))
                  || (p[i] == 0xcd && p[i + 1] == 0x80);
        if (sys) {
            char *c = clean(sec, 40);
            reason(r, "the code in section `%s` contains a system-call instruction "
                      "(syscall/sysenter/int 0x80, e.g. from inline assembly): a student "
                      "function computes, it never talks to the kernel",
                   "段 `%s` 的机器码中含有系统调用指令（syscall/sysenter/int 0x80，"
                   "例如来自内联汇编）：练习函数只做计算，不得直接调用内核", c);
            free(c);
            return;
        }
    }
}

static void check_symbols(const unsigned char *obj, size_t len, const Elf64_Shdr *sh,
                          size_t shnum, const Elf64_Shdr *symtab, const char *function,
                          reasons *r)
{
    if (symtab->sh_link >= shnum || symtab->sh_entsize != sizeof(Elf64_Sym)
        || symtab->sh_offset > len || symtab->sh_size > len - symtab->sh_offset) {
        reason(r, "the symbol table is malformed", "符号表格式错误", NULL);
        return;
    }
    const Elf64_Shdr *strtab = &sh[symtab->sh_link];
    size_t nsym = symtab->sh_size / sizeof(Elf64_Sym);
    int defines = 0;
    for (size_t i = 1; i < nsym; i++) {
        Elf64_Sym s;
        memcpy(&s, obj + symtab->sh_offset + i * sizeof s, sizeof s);
        const char *name = str_at(obj, len, strtab, s.st_name);
        if (!name) {
            reason(r, "a symbol name is malformed", "符号名格式错误", NULL);
            continue;
        }
        char *c = clean(name, 60);
        int bind = ELF64_ST_BIND(s.st_info), type = ELF64_ST_TYPE(s.st_info);
        if (type == STT_GNU_IFUNC)
            reason(r, "`%s` is an IFUNC (its resolver would run before the checks start)",
                   "`%s` 是 IFUNC（它的解析函数会在检查开始之前运行）", c);
        else if (bind == STB_LOCAL)
            ;
        else if (s.st_shndx == SHN_UNDEF) {
            if (!objcheck_import_allowed(name))
                reason(r, "uses `%s`, which a student file may not call (allowed: libm, "
                          "malloc/free/memcpy/memset, printf for debugging, the helpers of "
                          "softmax_lab.h)",
                       "调用了不允许使用的 `%s`（允许：libm、malloc/free/memcpy/memset、"
                       "调试用的 printf、softmax_lab.h 中的辅助函数）", c);
        } else if (strcmp(name, function) == 0 && type == STT_FUNC) {
            defines = 1;
        } else if (strcmp(name, "main") == 0 || strcmp(name, "sl_student_main_unused") == 0) {
            reason(r, "defines `main`: the file must not have a main function",
                   "定义了 `main`：提交的文件中不能有 main 函数", NULL);
        } else {
            reason(r, "defines the global symbol `%s`: only the exercise's function may be "
                      "visible; make helpers and variables `static`",
                   "定义了全局符号 `%s`：只有练习要求的函数可以对外可见，辅助函数和变量请加 `static`",
                   c);
        }
        free(c);
    }
    if (!defines)
        reason(r, "does not define the function `%s` (is its name or signature different?)",
               "没有定义函数 `%s`（名字或签名写错了吗？）", function);
}

int objcheck(const unsigned char *obj, size_t len, const char *function, int zh, char **why)
{
    reasons r = {.zh = zh};
    Elf64_Ehdr eh;
    if (len < sizeof eh || memcmp(obj, ELFMAG, SELFMAG) != 0) {
        reason(&r, "the compiled file is not an ELF object (a text file or linker script "
                   "posing as one?)",
               "编译结果不是 ELF 目标文件（是伪装成目标文件的文本或链接脚本吗？）", NULL);
        goto done;
    }
    memcpy(&eh, obj, sizeof eh);
    if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB
        || eh.e_type != ET_REL || eh.e_machine != EM_X86_64) {
        reason(&r, "the compiled file is not an x86-64 relocatable object (gcc -c output)",
               "编译结果不是 x86-64 可重定位目标文件（gcc -c 的输出）", NULL);
        goto done;
    }
    size_t shnum = eh.e_shnum;
    if (eh.e_shentsize != sizeof(Elf64_Shdr) || shnum == 0 || shnum > 4096
        || eh.e_shoff > len || shnum * sizeof(Elf64_Shdr) > len - eh.e_shoff
        || eh.e_shstrndx >= shnum) {
        reason(&r, "the section table is malformed", "段表格式错误", NULL);
        goto done;
    }
    Elf64_Shdr *sh = xcalloc(shnum, sizeof *sh);
    memcpy(sh, obj + eh.e_shoff, shnum * sizeof *sh);
    const Elf64_Shdr *symtab = NULL;
    for (size_t i = 1; i < shnum; i++) {
        const char *name = str_at(obj, len, &sh[eh.e_shstrndx], sh[i].sh_name);
        if (!name) {
            reason(&r, "a section name is malformed", "段名格式错误", NULL);
            continue;
        }
        char *c = clean(name, 60);
        unsigned t = sh[i].sh_type;
        if (t == SHT_INIT_ARRAY || t == SHT_FINI_ARRAY || t == SHT_PREINIT_ARRAY
            || is_family(name, ".init_array") || is_family(name, ".fini_array")
            || is_family(name, ".ctors") || is_family(name, ".dtors")
            || strcmp(name, ".init") == 0 || strcmp(name, ".fini") == 0)
            reason(&r, "has a constructor or destructor (section `%s`): code that would run "
                       "outside the checks",
                   "含有构造/析构函数（段 `%s`）：这些代码会在检查之外运行", c);
        else if (!section_allowed(name))
            reason(&r, "has the section `%s`, which is not allowed (only code, data, "
                       "read-only data and debug info are)",
                   "含有不允许的段 `%s`（只允许代码、数据、只读数据和调试信息）", c);
        else if (t == SHT_SYMTAB) {
            if (symtab)
                reason(&r, "has two symbol tables", "含有两个符号表", NULL);
            symtab = &sh[i];
        }
        if ((sh[i].sh_flags & SHF_EXECINSTR) && t == SHT_PROGBITS
            && sh[i].sh_offset <= len && sh[i].sh_size <= len - sh[i].sh_offset)
            scan_code(obj + sh[i].sh_offset, sh[i].sh_size, name, &r);
        free(c);
    }
    if (!symtab)
        reason(&r, "has no symbol table", "没有符号表", NULL);
    else
        check_symbols(obj, len, sh, shnum, symtab, function, &r);
    free(sh);
done:
    if (r.n > MAX_REASONS)
        sb_printf(&r.why, "- %s %d\n", zh ? "……另有，条数：" : "… and more:", r.n - MAX_REASONS);
    if (r.n == 0) {
        sb_free(&r.why);
        *why = NULL;
        return 0;
    }
    *why = xstrdup(sb_cstr(&r.why));
    sb_free(&r.why);
    return -1;
}
