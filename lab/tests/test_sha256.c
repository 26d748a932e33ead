/* test_sha256.c — grader/run/sha256.c against the FIPS 180-4 examples and
 * the padding edges (55, 56, 64 bytes), values from sha256sum. */
#include "sha256.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static void expect(const void *data, size_t len, const char *want)
{
    char hex[65];
    sl_sha256_hex(data, len, hex);
    cr_assert_str_eq(hex, want, "SHA-256 of %zu bytes", len);
}

Test(sha256, fips_examples)
{
    expect("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    expect(two, strlen(two), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char *million = malloc(1000000);
    cr_assert_not_null(million);
    memset(million, 'a', 1000000);
    expect(million, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(million);
}

Test(sha256, padding_edges)
{
    char x[64];
    memset(x, 'x', sizeof x);
    expect(x, 55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072");
    expect(x, 56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e");
    expect(x, 64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c");
}
