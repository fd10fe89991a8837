// Accepted: reads a and b as 64-bit Longs and prints a + b, which fits because |a + b| <= 8e18.
fun main() {
    val (a, b) = readLine()!!.trim().split(Regex("\\s+")).map { it.toLong() }
    println(a + b)
}
