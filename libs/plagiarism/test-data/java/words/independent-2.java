import java.util.HashMap;
import java.util.Scanner;
import java.util.stream.Collectors;

public class Main {
    static String normalize(String raw) {
        StringBuilder sb = new StringBuilder();
        for (char c : raw.toCharArray()) {
            sb.append(Character.isLetter(c) ? Character.toLowerCase(c) : ' ');
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        Scanner scanner = new Scanner(System.in);
        HashMap<String, Long> freq = new HashMap<>();
        while (scanner.hasNextLine()) {
            Scanner words = new Scanner(normalize(scanner.nextLine()));
            while (words.hasNext()) {
                String w = words.next();
                freq.put(w, freq.getOrDefault(w, 0L) + 1);
            }
        }
        String report = freq.entrySet().stream()
            .sorted((p, q) -> p.getValue().equals(q.getValue())
                ? p.getKey().compareTo(q.getKey())
                : Long.compare(q.getValue(), p.getValue()))
            .map(en -> en.getKey() + " " + en.getValue())
            .collect(Collectors.joining("\n"));
        System.out.println(report);
    }
}
