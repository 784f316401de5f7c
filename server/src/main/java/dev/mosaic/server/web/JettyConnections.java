package dev.mosaic.server.web;

import dev.mosaic.query.api.ConfigFetch;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.springframework.boot.web.embedded.jetty.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The web server as a fleet needs it: every agent holds one change stream open all day, so what an idle open
 * response keeps matters more than the throughput of large bodies. Jetty keeps an open response to a few KB
 * (Tomcat kept ~100 KB of per-connection buffers; see ops/CAPACITY.md); the output buffer each response holds
 * while open is cut from Jetty's 32 KB to what the largest of our usual answers needs, and Jetty's own error
 * pages are problem documents. Agents' plain config fetches are answered by Jetty itself, in front of the
 * servlet layer.
 */
@Component
class JettyConnections implements WebServerFactoryCustomizer<JettyServletWebServerFactory> {
    static final int OUTPUT_BUFFER_BYTES = 8 * 1024;
    private final ConfigFetch fetch;

    JettyConnections(ConfigFetch fetch) {
        this.fetch = fetch;
    }

    @Override
    public void customize(JettyServletWebServerFactory factory) {
        factory.addServerCustomizers(server -> {
            server.setErrorHandler(new ProblemErrorHandler());
            server.setHandler(new ConfigFetchHandler(server.getHandler(), fetch));
            for (var connector : server.getConnectors()) {
                HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
                if (http != null) {
                    HttpConfiguration configuration = http.getHttpConfiguration();
                    configuration.setOutputBufferSize(OUTPUT_BUFFER_BYTES);
                    configuration.setSendServerVersion(false);
                    configuration.setRelativeRedirectAllowed(false); // absolute Location headers, as before
                }
            }
        });
    }
}
