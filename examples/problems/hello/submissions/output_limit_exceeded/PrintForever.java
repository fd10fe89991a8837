// Output limit exceeded: prints the sum over and over in an endless loop, far past the 1 MiB output limit.
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.util.Scanner;

public class PrintForever {
    public static void main(String[] args) throws IOException {
        Scanner in = new Scanner(System.in);
        long a = in.nextLong();
        long b = in.nextLong();
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out));
        String line = (a + b) + "\n";
        while (true) {
            out.write(line);
        }
    }
}
