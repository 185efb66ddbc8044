package dev.klaxon.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskTest {
    private static final String KEY = "0123456789abcdef0123456789ABCDEF";

    @Test
    void masksARealLookingKeyInJson() {
        String masked = SecretMask.mask("{\"routing_key\": \"" + KEY + "\",\"event_action\":\"trigger\"}");

        assertThat(masked).doesNotContain(KEY)
                .isEqualTo("{\"routing_key\": \"********\",\"event_action\":\"trigger\"}");
    }

    @Test
    void masksKeysInEscapedJsonAndPlainText() {
        assertThat(SecretMask.mask("{\"note\":\"{\\\"routing_key\\\":\\\"" + KEY + "\\\"}\"}")).doesNotContain(KEY);
        assertThat(SecretMask.mask("ROUTING_KEY=" + KEY + " rest")).isEqualTo("ROUTING_KEY=******** rest");
    }

    @Test
    void leavesAlreadyMaskedAndOtherTextAlone() {
        String already = "{\"routing_key\":\"******** (env PD_KEY)\"}";
        assertThat(SecretMask.mask(already)).isSameAs(already);
        String longer = "{\"routing_key\":\"" + KEY + "X\"}"; // 33 characters is not a routing key
        assertThat(SecretMask.mask(longer)).isEqualTo(longer);
        assertThat(SecretMask.mask("no key here " + KEY)).contains(KEY);
        assertThat(SecretMask.mask(null)).isNull();
    }
}
