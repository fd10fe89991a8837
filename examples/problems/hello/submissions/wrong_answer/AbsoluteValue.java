// Wrong answer: prints |a + b|, dropping the minus sign of a negative sum (secret test 02 expects -8000000000000000000).
import java.util.Scanner;

public class AbsoluteValue {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        long a = in.nextLong();
        long b = in.nextLong();
        System.out.println(Math.abs(a + b));
    }
}
