package dev.klaxon.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.message.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireSubjectsTest {
    private static final byte[] BODY = new byte[0];

    /** What jnats makes of subject bytes: one char per byte, sign-extended. */
    private static String asJnatsReadsIt(byte[] bytes) {
        StringBuilder chars = new StringBuilder();
        for (byte b : bytes) {
            chars.append((char) b);
        }
        return chars.toString();
    }

    private static InboundMessage received(String wire) {
        return WireSubjects.message(wire, BODY, Map.of(), Instant.EPOCH);
    }

    @Test
    void anAsciiSubjectIsPassedOnAsTheVerySameString() {
        String wire = "alerts.prod.db";
        assertThat(received(wire).subject()).isSameAs(wire);
        assertThat(received(wire).subjectProblem()).isNull();
    }

    @Test
    void utf8BytesBecomeThePublishedSubject() {
        String wire = asJnatsReadsIt("alerts.prod.é☃.𝄞".getBytes(StandardCharsets.UTF_8));
        assertThat(wire).isEqualTo("alerts.prod.\uFFC3\uFFA9\uFFE2\uFF98\uFF83.\uFFF0\uFF9D\uFF84\uFF9E");

        assertThat(received(wire).subject()).isEqualTo("alerts.prod.é☃.𝄞");
        assertThat(received(wire).subjectProblem()).isNull();
    }

    @Test
    void bytesThatAreNotUtf8AreShownEscapedAndMadeAProblem() {
        InboundMessage message = received(asJnatsReadsIt(new byte[] {'a', '.', (byte) 0xC3, '.', (byte) 0xED,
                (byte) 0xA0, (byte) 0x80}));

        assertThat(message.subject()).isEqualTo("a.\\xC3.\\xED\\xA0\\x80");
        assertThat(message.subjectProblem())
                .isEqualTo("subject is not valid UTF-8 (byte 0xC3 at byte 2): \"a.\\xC3.\\xED\\xA0\\x80\"");
    }

    @Test
    void aSubjectAlreadyDecodedByTheClientIsLeftAlone() {
        assertThat(received("alerts.prod.é☃").subject()).isEqualTo("alerts.prod.é☃");
    }
}
