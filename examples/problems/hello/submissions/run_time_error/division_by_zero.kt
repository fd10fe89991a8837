// Run-time error: integer division by a zero computed at run time throws ArithmeticException, so the JVM exits with status 1.
fun main() {
    val (a, b) = readLine()!!.trim().split(Regex("\\s+")).map { it.toLong() }
    val zero = a - a
    println((a + b) / zero)
}
