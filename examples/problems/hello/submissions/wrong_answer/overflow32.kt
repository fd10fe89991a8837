// Wrong answer: converts the sum to a 32-bit Int, so 2e9 + 2e9 wraps around to -294967296 (secret test 01).
fun main() {
    val (a, b) = readLine()!!.trim().split(Regex("\\s+")).map { it.toLong() }
    val sum: Int = (a + b).toInt()
    println(sum)
}
