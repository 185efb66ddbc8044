package dev.klaxon.nats;

import dev.klaxon.config.TlsConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS context for NATS from PEM files, the format NATS deployments use. jnats 2.26 only reads Java key
 * stores, so the PEM handling is ours: certificates via the JDK, private keys as PKCS#8 ({@code PRIVATE KEY}) or the
 * traditional OpenSSL forms ({@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY}) re-wrapped as PKCS#8.
 */
public final class PemSslContext {

    private static final byte[] RSA_ALGORITHM = Der.encode(Der.SEQUENCE,
            new byte[] {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01},
            new byte[] {0x05, 0x00});
    private static final byte[] EC_PUBLIC_KEY_OID =
            {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};
    private static final byte[] VERSION_0 = {Der.INTEGER, 0x01, 0x00};
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS");
    /** Protects only an in-memory key store that never leaves this method; it is not a secret. */
    private static final char[] IN_MEMORY_STORE_PASSWORD = "in-memory".toCharArray();

    private PemSslContext() {
    }

    /**
     * A CA file alone verifies the server; a cert and key file add a client certificate. Without a CA file the JDK's
     * default trust store verifies the server.
     */
    public static SSLContext create(TlsConfig tls) {
        if ((tls.certFile() == null) != (tls.keyFile() == null)) {
            throw new NatsSetupException("nats.tls: cert_file and key_file must be given together");
        }
        try {
            TrustManager[] trust = tls.caFile() == null ? null : trustManagers(tls.caFile());
            KeyManager[] keys = tls.certFile() == null ? null : keyManagers(tls.certFile(), tls.keyFile());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new NatsSetupException("nats.tls: cannot set up TLS (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static TrustManager[] trustManagers(Path caFile) throws GeneralSecurityException, IOException {
        KeyStore store = emptyStore();
        List<Certificate> authorities = certificates("nats.tls.ca_file", caFile);
        for (int i = 0; i < authorities.size(); i++) {
            store.setCertificateEntry("ca-" + i, authorities.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyManager[] keyManagers(Path certFile, Path keyFile)
            throws GeneralSecurityException, IOException {
        List<Certificate> chain = certificates("nats.tls.cert_file", certFile);
        PrivateKey key = privateKey(keyFile);
        KeyStore store = emptyStore();
        store.setKeyEntry("client", key, IN_MEMORY_STORE_PASSWORD, chain.toArray(Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY_STORE_PASSWORD);
        return factory.getKeyManagers();
    }

    private static List<Certificate> certificates(String setting, Path file) {
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 support", e);
        }
        List<Certificate> certificates = new ArrayList<>();
        for (PemBlocks.Block block : PemBlocks.read(setting, file)) {
            if (block.type().equals("CERTIFICATE")) {
                try {
                    certificates.add(factory.generateCertificate(new ByteArrayInputStream(block.der())));
                } catch (CertificateException e) {
                    throw new NatsSetupException(setting + " " + file + " holds a certificate that cannot be parsed");
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new NatsSetupException(setting + " " + file + " holds no CERTIFICATE block");
        }
        return certificates;
    }

    private static PrivateKey privateKey(Path file) {
        String setting = "nats.tls.key_file";
        for (PemBlocks.Block block : PemBlocks.read(setting, file)) {
            if (block.encrypted() || block.type().equals("ENCRYPTED PRIVATE KEY")) {
                throw new NatsSetupException(setting + " " + file + " is encrypted, which is not supported;"
                        + " write a plain copy with: openssl pkey -in KEY -out KEY.plain (and protect the file)");
            }
            byte[] pkcs8 = switch (block.type()) {
                case "PRIVATE KEY" -> block.der();
                case "RSA PRIVATE KEY" -> Der.encode(Der.SEQUENCE, VERSION_0, RSA_ALGORITHM,
                        Der.encode(Der.OCTET_STRING, block.der()));
                case "EC PRIVATE KEY" -> fromSec1(setting, file, block.der());
                default -> null;
            };
            if (pkcs8 != null) {
                return decodePkcs8(setting, file, pkcs8);
            }
        }
        throw new NatsSetupException(setting + " " + file + " holds no PRIVATE KEY block");
    }

    private static byte[] fromSec1(String setting, Path file, byte[] sec1) {
        try {
            byte[] curve = Der.sequence(sec1).stream()
                    .filter(element -> element.tag() == Der.CONTEXT_0)
                    .findFirst()
                    .orElseThrow(() -> new NatsSetupException(
                            setting + " " + file + ": the EC key does not name its curve"))
                    .content();
            return Der.encode(Der.SEQUENCE, VERSION_0, Der.encode(Der.SEQUENCE, EC_PUBLIC_KEY_OID, curve),
                    Der.encode(Der.OCTET_STRING, sec1));
        } catch (IllegalArgumentException e) {
            throw new NatsSetupException(setting + " " + file + ": the EC key is malformed");
        }
    }

    private static PrivateKey decodePkcs8(String setting, Path file, byte[] pkcs8) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw new NatsSetupException(setting + " " + file + " holds a private key of an unsupported type");
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
