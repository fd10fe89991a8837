// Time limit exceeded: spins forever in a busy loop (burning CPU) before it would print a + b.
import java.util.Scanner;

public class BusyLoop {
    static volatile long spins = 0;

    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        long a = in.nextLong();
        long b = in.nextLong();
        while (spins >= 0) {
            spins++;
        }
        System.out.println(a + b);
    }
}
