package dev.klaxon.nats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI made with the {@code openssl} command line (no extra test dependency): a CA, a server certificate
 * for 127.0.0.1/localhost, and client certificates whose keys come in each PEM flavour the bridge accepts.
 */
final class TestCertificates {

    final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    static boolean opensslAvailable() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static TestCertificates create(Path dir) throws Exception {
        TestCertificates certs = new TestCertificates(dir);
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        certs.authority("ca");
        certs.authority("other-ca");
        certs.openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "server.key");
        certs.sign("server", "localhost", "server.ext");
        // PKCS#8 RSA, the modern default
        certs.openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "client.key");
        certs.sign("client", "klaxon-bridge", null);
        // the same key in the traditional PKCS#1 form ("RSA PRIVATE KEY")
        certs.openssl("rsa", "-in", "client.key", "-traditional", "-out", "client-pkcs1.key");
        // EC in the SEC1 form ("EC PRIVATE KEY") and as PKCS#8
        certs.openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "client-ec.key");
        certs.sign("client-ec", "klaxon-bridge-ec", null);
        certs.openssl("pkcs8", "-topk8", "-nocrypt", "-in", "client-ec.key", "-out", "client-ec-pkcs8.key");
        // an encrypted key, which is refused with advice
        certs.openssl("pkcs8", "-topk8", "-in", "client.key", "-passout", "pass:secret", "-out", "client-encrypted.key");
        return certs;
    }

    /** The passphrase of every encrypted key {@link #createAllKeyForms} writes. */
    static final String PASSPHRASE = "correct horse battery staple";

    /**
     * Everything {@link #create} makes, plus each key form openssl writes that a deployment may hand us: encrypted
     * PKCS#8 (PBES2, AES-256-CBC), legacy encrypted PKCS#1 and SEC1 ({@code Proc-Type: 4,ENCRYPTED}), EC P-384, and
     * a client certificate issued by an intermediate CA with the chain in its cert file (the server trusts the root
     * only). The passphrase is {@link #PASSPHRASE}.
     */
    static TestCertificates createAllKeyForms(Path dir) throws Exception {
        TestCertificates certs = create(dir);
        String pass = "pass:" + PASSPHRASE;
        certs.openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "client.key", "-passout", pass,
                "-out", "client-pkcs8-aes.key");
        certs.openssl("rsa", "-in", "client.key", "-traditional", "-aes256", "-passout", pass,
                "-out", "client-pkcs1-aes.key");
        certs.openssl("ec", "-in", "client-ec.key", "-aes256", "-passout", pass, "-out", "client-ec-aes.key");
        certs.openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "client-ec.key", "-passout", pass,
                "-out", "client-ec-pkcs8-aes.key");
        certs.openssl("ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "client-p384.key");
        certs.sign("client-p384", "klaxon-bridge-p384", null);
        certs.openssl("pkcs8", "-topk8", "-nocrypt", "-in", "client-p384.key", "-out", "client-p384-pkcs8.key");
        // ca -> intermediate -> client-leaf; client-chain.pem holds the leaf then the intermediate
        Files.writeString(dir.resolve("intermediate.ext"), "basicConstraints=critical,CA:TRUE\n"
                + "keyUsage=critical,keyCertSign,cRLSign\n");
        certs.openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "intermediate.key");
        certs.sign("intermediate", "klaxon-test-intermediate", "intermediate.ext");
        certs.openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "client-leaf.key");
        certs.openssl("req", "-new", "-key", "client-leaf.key", "-out", "client-leaf.csr", "-subj", "/CN=klaxon-leaf");
        certs.openssl("x509", "-req", "-in", "client-leaf.csr", "-CA", "intermediate.pem", "-CAkey",
                "intermediate.key", "-CAcreateserial", "-out", "client-leaf.pem", "-days", "2");
        Files.writeString(dir.resolve("client-chain.pem"), Files.readString(dir.resolve("client-leaf.pem"))
                + Files.readString(dir.resolve("intermediate.pem")));
        return certs;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    private void authority(String name) throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".pem",
                "-days", "2", "-subj", "/CN=klaxon-test-" + name);
    }

    private void sign(String name, String commonName, String extensions) throws Exception {
        openssl("req", "-new", "-key", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + commonName);
        List<String> args = new ArrayList<>(List.of("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem",
                "-CAkey", "ca.key", "-CAcreateserial", "-out", name + ".pem", "-days", "2"));
        if (extensions != null) {
            args.addAll(List.of("-extfile", extensions));
        }
        openssl(args.toArray(String[]::new));
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("openssl " + String.join(" ", args) + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + output);
        }
    }
}
