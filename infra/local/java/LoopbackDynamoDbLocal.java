/*
 * DynamoDB Local on the loopback interface only.
 *
 * DynamoDB Local (3.x) has no option for the address it listens on: its DynamoDBProxyServer builds a
 * Jetty `new Server(port)`, whose connector binds every interface, so anyone on the network could read
 * and change the local table. This launcher builds the same server from the same command-line options
 * (ServerRunner.createServerFromCommandLineArgs), sets the host of its Jetty connectors to 127.0.0.1
 * before starting it, and then runs it as ServerRunner.main would (telemetry is always disabled here:
 * infra/local/dynamodb-local.ts passes -disableTelemetry).
 *
 * Run with Java's source launcher (JDK 17+): java -cp DynamoDBLocal.jar LoopbackDynamoDbLocal.java -port N ...
 */
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    String host = System.getProperty("dynamodb.local.host", "127.0.0.1");
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind");
    for (Connector connector : connectors) {
      if (!(connector instanceof ServerConnector)) throw new IllegalStateException("unexpected connector " + connector);
      ((ServerConnector) connector).setHost(host);
    }
    proxy.start();
    System.out.println("DynamoDB Local listening on " + host + ":" + ((ServerConnector) connectors[0]).getPort());
    proxy.join();
  }
}
