package dev.klaxon.app.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {
    @Test
    void bidiOverridesControlCharactersAndZeroWidthCharactersAreShownEscaped() {
        assertThat(SafeText.inline("invoice\u202Efdp.exe", 100)).isEqualTo("invoice\\u202Efdp.exe");
        assertThat(SafeText.inline("a\u0000b\u001Bc\u200Bd\u2066e\uFEFF", 100))
                .isEqualTo("a\\u0000b\\u001Bc\\u200Bd\\u2066e\\uFEFF");
        assertThat(SafeText.inline("lone \uD800 surrogate", 100)).isEqualTo("lone \\uD800 surrogate");
        assertThat(SafeText.inline("family 👨‍👩‍👧 ok", 100)).isEqualTo("family 👨‍👩‍👧 ok");
    }

    @Test
    void oneLineFlattensWhitespaceAndSaysHowMuchWasCut() {
        assertThat(SafeText.inline("a\n\n b\tc", 100)).isEqualTo("a b c");
        assertThat(SafeText.inline("x".repeat(100_000), 10)).isEqualTo("xxxxxxxxxx … (99,990 more characters)");
        assertThat(SafeText.inline(null, 10)).isEmpty();
    }

    @Test
    void blocksKeepLinesAndTabsButCutEachLongLineAndTheWhole() {
        assertThat(SafeText.block("a\r\n\tb\rc", 100, 1000)).isEqualTo("a\n\tb\\u000Dc");
        assertThat(SafeText.block("y".repeat(50) + "\nshort", 10, 1000))
                .isEqualTo("yyyyyyyyyy… (40 more characters)\nshort");
        assertThat(SafeText.block("line\n".repeat(1000), 100, 50)).endsWith("… (4,950 more characters)")
                .hasSizeLessThan(100);
        assertThat(SafeText.block("<script>alert(1)</script>", 100, 100)).isEqualTo("<script>alert(1)</script>");
    }
}
