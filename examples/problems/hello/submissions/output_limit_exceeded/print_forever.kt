// Output limit exceeded: prints the sum over and over in an endless loop, far past the 1 MiB output limit.
fun main() {
    val (a, b) = readLine()!!.trim().split(Regex("\\s+")).map { it.toLong() }
    val out = System.out.bufferedWriter()
    val line = "${a + b}\n"
    while (true) {
        out.write(line)
    }
}
