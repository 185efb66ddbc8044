package dev.klaxon.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {
    private static final byte[] SECRET = "s3cret-shared-with-publishers".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"summary\":\"disk full\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final SignatureVerifier verifier = new SignatureVerifier(SECRET, clock);

    /** What a publisher computes, written out independently of the verifier. */
    private static String publisherSignature(long timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static Map<String, List<String>> headers(long timestamp, String signature) {
        return Map.of("Klaxon-Timestamp", List.of(Long.toString(timestamp)), "Klaxon-Signature", List.of(signature));
    }

    @Test
    void aCorrectRecentSignaturePasses() throws Exception {
        long ts = NOW.getEpochSecond() - 10;
        assertThat(verifier.problem(BODY, headers(ts, publisherSignature(ts, BODY)))).isEmpty();
        assertThat(verifier.sign(ts, BODY)).isEqualTo(publisherSignature(ts, BODY));
    }

    @Test
    void headerNamesAndHexCaseDoNotMatter() throws Exception {
        long ts = NOW.getEpochSecond();
        Map<String, List<String>> lower = Map.of("klaxon-timestamp", List.of(Long.toString(ts)),
                "KLAXON-SIGNATURE", List.of(publisherSignature(ts, BODY).toUpperCase()));
        assertThat(verifier.problem(BODY, lower)).isEmpty();
    }

    @Test
    void aWrongSignatureOrAChangedBodyFails() throws Exception {
        long ts = NOW.getEpochSecond();
        String good = publisherSignature(ts, BODY);
        byte[] tampered = "{\"summary\":\"all fine\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.problem(tampered, headers(ts, good))).contains("signature does not match");
        assertThat(verifier.problem(BODY, headers(ts + 1, good))).contains("signature does not match");
        assertThat(new SignatureVerifier("other".getBytes(StandardCharsets.UTF_8), clock).problem(BODY,
                headers(ts, good))).contains("signature does not match");
        assertThat(verifier.problem(BODY, headers(ts, "zz"))).contains("Klaxon-Signature is not hex");
    }

    @Test
    void staleAndFutureTimestampsAreRefusedAsReplays() throws Exception {
        long old = NOW.minus(Duration.ofMinutes(5)).minusSeconds(1).getEpochSecond();
        assertThat(verifier.problem(BODY, headers(old, publisherSignature(old, BODY))))
                .contains("signature timestamp is 301 s old, over the 300 s allowed (a replay?)");
        long edge = NOW.minus(Duration.ofMinutes(5)).getEpochSecond();
        assertThat(verifier.problem(BODY, headers(edge, publisherSignature(edge, BODY)))).isEmpty();
        long ahead = NOW.plus(Duration.ofMinutes(6)).getEpochSecond();
        assertThat(verifier.problem(BODY, headers(ahead, publisherSignature(ahead, BODY))))
                .contains("signature timestamp is 360 s in the future");
    }

    @Test
    void missingPiecesSayWhatIsMissing() {
        assertThat(verifier.problem(BODY, Map.of())).contains("unsigned: the route requires a Klaxon-Signature header");
        assertThat(verifier.problem(BODY, Map.of("Klaxon-Signature", List.of("00"))))
                .contains("signed without a Klaxon-Timestamp header");
        assertThat(verifier.problem(BODY, Map.of("Klaxon-Signature", List.of("00"), "Klaxon-Timestamp",
                List.of("yesterday")))).contains("Klaxon-Timestamp is not Unix seconds");
    }

    @Test
    void aNegativeZeroOrAbsurdTimestampIsNotAValidTimeRatherThanAnOverflowedAge() throws Exception {
        for (long ts : new long[] {-5, 0, Long.MIN_VALUE, Long.MAX_VALUE, 253_402_300_800L}) {
            assertThat(verifier.problem(BODY, headers(ts, publisherSignature(ts, BODY))))
                    .contains("Klaxon-Timestamp " + ts + " is not a valid time");
        }
        long ancient = 1;
        assertThat(verifier.problem(BODY, headers(ancient, publisherSignature(ancient, BODY))))
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("signature timestamp is 1795921199 s old"));
    }
}
